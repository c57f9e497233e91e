/**
 * Grid cell lookup (单元网格): configured polygons first (point-in-polygon behind a flatbush index),
 * then the regular grid, coded PREFIX + row (3 digits, 001 = southernmost) + column (3 digits, 001 = westernmost).
 */
import Flatbush from 'flatbush';
import type { GridConfig } from './config/schema.ts';
import { pointInRing, ringBounds, type LatLon, type XY } from './geo.ts';

/** Earth radius turf uses, in metres. */
const R = 6_371_008.8;

export type GridLocator = (p: LatLon) => string | undefined;

export function createGridLocator(grid: Pick<GridConfig, 'cells' | 'regular'>): GridLocator {
  const cells = grid.cells.map((c) => ({ code: c.code, ring: c.polygon as readonly XY[] }));
  let index: Flatbush | undefined;
  if (cells.length > 0) {
    index = new Flatbush(cells.length);
    for (const c of cells) index.add(...ringBounds(c.ring));
    index.finish();
  }
  const regular = grid.regular;
  return (p) => {
    if (index) {
      const hits = index.search(p.lon, p.lat, p.lon, p.lat).sort((a, b) => a - b);
      for (const i of hits) if (pointInRing([p.lon, p.lat], cells[i]!.ring)) return cells[i]!.code;
    }
    if (!regular) return undefined;
    const [lon0, lat0] = regular.origin;
    const north = ((p.lat - lat0) * Math.PI * R) / 180;
    const east = ((p.lon - lon0) * Math.PI * R * Math.cos((lat0 * Math.PI) / 180)) / 180;
    const row = Math.floor(north / regular.cellMeters);
    const col = Math.floor(east / regular.cellMeters);
    if (row < 0 || col < 0 || row >= regular.rows || col >= regular.columns) return undefined;
    return `${regular.prefix}${String(row + 1).padStart(3, '0')}${String(col + 1).padStart(3, '0')}`;
  };
}
