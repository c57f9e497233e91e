/**
 * The road network: roads split into straight segments (at every vertex, and every `maxSegmentM`), each with a
 * stable id `<road id>:<n>`, an undirected graph over their end nodes, and a Flatbush index over the segments.
 * Two roads with the same geometry (e.g. the two directions of a street) share segments.
 */
import Flatbush from 'flatbush';
import { InputError } from '../../kernel/errors.ts';
import { Projection, projectOnSegment } from './geo.ts';
import type { RoadLine } from './roads.ts';

export interface NetworkOptions {
  /** Longer pieces are split so coverage is measured at this resolution (metres). */
  readonly maxSegmentM?: number;
}

const key = (lon: number, lat: number): string => `${Math.round(lon * 1e7)},${Math.round(lat * 1e7)}`;

export class RoadNetwork {
  readonly proj: Projection;
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  readonly segA: Int32Array;
  readonly segB: Int32Array;
  readonly segLen: Float64Array;
  readonly segIds: readonly string[];
  readonly segName: readonly (string | undefined)[];
  /** CSR adjacency: segments at node n are adjSeg[adjStart[n] .. adjStart[n+1]). */
  readonly adjStart: Int32Array;
  readonly adjSeg: Int32Array;
  readonly index: Flatbush;
  readonly totalLengthM: number;
  private readonly byId = new Map<string, number>();
  private readonly byRoad = new Map<string, number[]>();

  constructor(lines: readonly RoadLine[], source: string, opts: NetworkOptions = {}) {
    const maxSeg = opts.maxSegmentM ?? 50;
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const l of lines) {
      for (const [lon, lat] of l.coords) {
        [minLon, minLat, maxLon, maxLat] = [
          Math.min(minLon, lon),
          Math.min(minLat, lat),
          Math.max(maxLon, lon),
          Math.max(maxLat, lat),
        ];
      }
    }
    if (!lines.some((l) => l.coords.length >= 2))
      throw new InputError(`${source}: the road network is empty (no road lines with 2 or more points)`);
    this.proj = new Projection((minLon + maxLon) / 2, (minLat + maxLat) / 2);
    const nodeIds = new Map<string, number>();
    const xs: number[] = [];
    const ys: number[] = [];
    const node = (lon: number, lat: number): number => {
      const k = key(lon, lat);
      let n = nodeIds.get(k);
      if (n === undefined) {
        n = xs.length;
        nodeIds.set(k, n);
        xs.push(this.proj.x(lon));
        ys.push(this.proj.y(lat));
      }
      return n;
    };
    const segs = new Map<string, number>();
    const a: number[] = [];
    const b: number[] = [];
    const ids: string[] = [];
    const names: (string | undefined)[] = [];
    for (const l of lines) {
      let piece = 0;
      const mine = this.byRoad.get(l.id) ?? [];
      const seen = new Set(mine);
      for (let i = 1; i < l.coords.length; i++) {
        const [p, q] = [l.coords[i - 1]!, l.coords[i]!];
        if (key(p[0], p[1]) === key(q[0], q[1])) continue;
        // split points computed in a canonical direction so the two directions of a street split identically;
        // pieces are numbered in the road's own direction
        const swap = key(p[0], p[1]) > key(q[0], q[1]);
        const [c0, c1] = swap ? [q, p] : [p, q];
        const len = Math.hypot(this.proj.x(c1[0]) - this.proj.x(c0[0]), this.proj.y(c1[1]) - this.proj.y(c0[1]));
        const n = Math.max(1, Math.ceil(len / maxSeg - 1e-3));
        const split = (k: number): number => node(c0[0] + ((c1[0] - c0[0]) * k) / n, c0[1] + ((c1[1] - c0[1]) * k) / n);
        for (let j = 0; j < n; j++) {
          const k = swap ? n - 1 - j : j;
          const [u, v] = [split(k), split(k + 1)];
          const sk = u < v ? `${u}-${v}` : `${v}-${u}`;
          let s = segs.get(sk);
          if (s === undefined) {
            s = a.length;
            segs.set(sk, s);
            a.push(u);
            b.push(v);
            ids.push(`${l.id}:${piece}`);
            names.push(l.name);
          }
          piece++;
          if (!seen.has(s)) {
            seen.add(s);
            mine.push(s);
          }
        }
      }
      this.byRoad.set(l.id, mine);
    }
    this.nodeX = Float64Array.from(xs);
    this.nodeY = Float64Array.from(ys);
    this.segA = Int32Array.from(a);
    this.segB = Int32Array.from(b);
    this.segIds = ids;
    this.segName = names;
    this.segLen = new Float64Array(a.length);
    let total = 0;
    this.index = new Flatbush(Math.max(1, a.length));
    for (let s = 0; s < a.length; s++) {
      const [ax, ay, bx, by] = [xs[a[s]!]!, ys[a[s]!]!, xs[b[s]!]!, ys[b[s]!]!];
      this.segLen[s] = Math.hypot(bx - ax, by - ay);
      total += this.segLen[s]!;
      this.index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      this.byId.set(ids[s]!, s);
    }
    this.index.finish();
    this.totalLengthM = total;
    [this.adjStart, this.adjSeg] = csr(xs.length, this.segA, this.segB);
  }

  get segmentCount(): number {
    return this.segA.length;
  }

  get nodeCount(): number {
    return this.nodeX.length;
  }

  segmentIndex(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Segments of a road id (including segments shared with a twin road), or undefined for an unknown road. */
  roadSegments(roadId: string): readonly number[] | undefined {
    return this.byRoad.get(roadId);
  }

  /** Segment s as [[lon, lat], [lon, lat]]. */
  segmentLonLat(s: number): [[number, number], [number, number]] {
    const p = this.proj;
    const [u, v] = [this.segA[s]!, this.segB[s]!];
    return [
      [p.lon(this.nodeX[u]!), p.lat(this.nodeY[u]!)],
      [p.lon(this.nodeX[v]!), p.lat(this.nodeY[v]!)],
    ];
  }

  /** Point at `t` metres from the segment's first node, in local metres. */
  pointAt(s: number, t: number): [number, number] {
    const [u, v] = [this.segA[s]!, this.segB[s]!];
    const f = this.segLen[s]! > 0 ? t / this.segLen[s]! : 0;
    return [
      this.nodeX[u]! + (this.nodeX[v]! - this.nodeX[u]!) * f,
      this.nodeY[u]! + (this.nodeY[v]! - this.nodeY[u]!) * f,
    ];
  }

  /** Nearest segment to a local point within `radius` metres (the bare baseline lookup), or -1. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestD = radius;
    for (const s of this.index.search(x - radius, y - radius, x + radius, y + radius)) {
      const d = this.distanceTo(s, x, y);
      if (d <= bestD) [best, bestD] = [s, d];
    }
    return best;
  }

  distanceTo(s: number, x: number, y: number): number {
    const [u, v] = [this.segA[s]!, this.segB[s]!];
    return projectOnSegment(x, y, this.nodeX[u]!, this.nodeY[u]!, this.nodeX[v]!, this.nodeY[v]!).dist;
  }
}

function csr(nodes: number, a: Int32Array, b: Int32Array): [Int32Array, Int32Array] {
  const deg = new Int32Array(nodes + 1);
  for (let s = 0; s < a.length; s++) {
    deg[a[s]! + 1]!++;
    deg[b[s]! + 1]!++;
  }
  for (let n = 0; n < nodes; n++) deg[n + 1]! += deg[n]!;
  const fill = deg.slice(0, nodes);
  const adj = new Int32Array(a.length * 2);
  for (let s = 0; s < a.length; s++) {
    adj[fill[a[s]!]!++] = s;
    adj[fill[b[s]!]!++] = s;
  }
  return [deg, adj];
}
