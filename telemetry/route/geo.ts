/**
 * Local planar geometry for route checking. A city spans a few km, so an equirectangular projection around its
 * centre is accurate to well under 0.1 % and lets matching work in metres with plain arithmetic.
 */
import { EARTH_RADIUS_M as R } from '../../kernel/geo.ts';

const RAD = Math.PI / 180;

export class Projection {
  private readonly kx: number;
  private readonly ky = R * RAD;

  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.kx = R * RAD * Math.cos(lat0 * RAD);
  }

  x(lon: number): number {
    return (lon - this.lon0) * this.kx;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.ky;
  }

  lon(x: number): number {
    return this.lon0 + x / this.kx;
  }

  lat(y: number): number {
    return this.lat0 + y / this.ky;
  }
}

/** Where point (px, py) projects onto segment a→b: `t` in metres from a (clamped), and the distance to it. */
export interface OnSegment {
  readonly t: number;
  readonly dist: number;
}

export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): OnSegment {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let u = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  u = Math.min(Math.max(u, 0), 1);
  const qx = ax + u * dx - px;
  const qy = ay + u * dy - py;
  return { t: u * Math.sqrt(len2), dist: Math.sqrt(qx * qx + qy * qy) };
}
