/**
 * The regular unit grid drawn as lines (cheaper than thousands of cell polygons) and the cell code at a point; the
 * same geometry as cases/grid.ts: rows from the south, columns from the west, code PREFIX + row(3) + column(3).
 */
export interface RegularGrid {
  readonly origin: readonly [number, number];
  readonly cellMeters: number;
  readonly columns: number;
  readonly rows: number;
  readonly prefix: string;
}

const R = 6_371_008.8;

function steps(g: RegularGrid): { dLat: number; dLon: number } {
  const dLat = (g.cellMeters * 180) / (Math.PI * R);
  const dLon = (g.cellMeters * 180) / (Math.PI * R * Math.cos((g.origin[1] * Math.PI) / 180));
  return { dLat, dLon };
}

/** Polylines as [lat, lon] pairs: rows + 1 parallels and columns + 1 meridians. */
export function gridLines(g: RegularGrid): [number, number][][] {
  const { dLat, dLon } = steps(g);
  const [lon0, lat0] = g.origin;
  const lat1 = lat0 + g.rows * dLat;
  const lon1 = lon0 + g.columns * dLon;
  const lines: [number, number][][] = [];
  for (let r = 0; r <= g.rows; r++)
    lines.push([
      [lat0 + r * dLat, lon0],
      [lat0 + r * dLat, lon1],
    ]);
  for (let c = 0; c <= g.columns; c++)
    lines.push([
      [lat0, lon0 + c * dLon],
      [lat1, lon0 + c * dLon],
    ]);
  return lines;
}

/** The cell code at a point, or undefined outside the grid. */
export function cellAt(g: RegularGrid, lat: number, lon: number): string | undefined {
  const { dLat, dLon } = steps(g);
  const row = Math.floor((lat - g.origin[1]) / dLat);
  const col = Math.floor((lon - g.origin[0]) / dLon);
  if (row < 0 || col < 0 || row >= g.rows || col >= g.columns) return undefined;
  return `${g.prefix}${String(row + 1).padStart(3, '0')}${String(col + 1).padStart(3, '0')}`;
}
