/**
 * A vehicle case's track as a static SVG for the 案卷: the configured road network around it (grey, named streets
 * labelled), the track slice (red) and where the finding is (amber dot), with a scale bar. Pure: no network, no map
 * tiles, prints the same on paper and in the PDF.
 */
import type { RoadLine } from '../../telemetry/route/roads.ts';
import { esc } from './escape.ts';

export type LonLat = readonly [number, number];

export interface TrackShape {
  /** The track slice, [lon, lat] in time order. */
  readonly line: readonly LonLat[];
  /** Where the finding is. */
  readonly where?: LonLat;
}

const W = 760;
const H = 420;
const M_PER_DEG = 111_195;

/** The track evidence (GeoJSON FeatureCollection written by cases/auto.ts) → its line and place. */
export function trackShape(geo: unknown): TrackShape {
  const features = (geo as { features?: unknown }).features;
  const line: LonLat[] = [];
  let where: LonLat | undefined;
  if (!Array.isArray(features)) return { line };
  for (const f of features as {
    properties?: { role?: unknown };
    geometry?: { type?: unknown; coordinates?: unknown };
  }[]) {
    const g = f.geometry;
    const isPair = (p: unknown): p is LonLat =>
      Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
    if (g?.type === 'LineString' && Array.isArray(g.coordinates)) line.push(...g.coordinates.filter(isPair));
    else if (g?.type === 'Point' && isPair(g.coordinates)) {
      if (f.properties?.role === 'where') where = g.coordinates;
      else line.push(g.coordinates);
    }
  }
  return { line, ...(where ? { where } : {}) };
}

/** An SVG of the track over the roads; undefined when the shape has no point at all. */
export function trackSvg(
  shape: TrackShape,
  roads: readonly RoadLine[],
  caption: string,
): { svg: string; roads: number } | undefined {
  const pts = [...shape.line, ...(shape.where ? [shape.where] : [])];
  if (pts.length === 0) return undefined;
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180) * M_PER_DEG; // metres per degree of longitude
  // the box in metres, padded, at least 300 m across, with the SVG's aspect ratio
  let w = Math.max(300, (Math.max(...lons) - Math.min(...lons)) * kx * 1.3);
  let h = Math.max(300 * (H / W), (Math.max(...lats) - Math.min(...lats)) * M_PER_DEG * 1.3);
  if (w / h > W / H) h = (w * H) / W;
  else w = (h * W) / H;
  const cx = (Math.min(...lons) + Math.max(...lons)) / 2;
  const cy = (Math.min(...lats) + Math.max(...lats)) / 2;
  const x = (lon: number): number => ((lon - cx) * kx + w / 2) * (W / w);
  const y = (lat: number): number => (h / 2 - (lat - cy) * M_PER_DEG) * (H / h);
  const inside = ([lon, lat]: LonLat): boolean => {
    const px = x(lon);
    const py = y(lat);
    return px >= -50 && px <= W + 50 && py >= -50 && py <= H + 50;
  };
  const path = (line: readonly LonLat[]): string =>
    line.map(([lon, lat], i) => `${i ? 'L' : 'M'}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('');
  // a road is drawn when one of its segments' boxes overlaps the view (a long segment may cross it vertex-free)
  const crosses = (r: RoadLine): boolean =>
    r.coords.some((p, i) => {
      const q = r.coords[i + 1] ?? p;
      const [x1, x2] = [x(p[0]), x(q[0])].sort((a, b) => a - b) as [number, number];
      const [y1, y2] = [y(p[1]), y(q[1])].sort((a, b) => a - b) as [number, number];
      return x2 >= 0 && x1 <= W && y2 >= 0 && y1 <= H;
    });
  const near = roads.filter(crosses);
  const roadPaths = near.map((r) => `<path d="${path(r.coords)}" class="road"/>`).join('');
  const labels = new Map<string, string>();
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  for (const r of near) {
    if (!r.name || labels.has(r.name) || labels.size >= 8) continue;
    // the middle vertex in view, else the middle of a segment crossing it (kept inside the frame)
    const inPts = r.coords.filter(inside);
    const seg = r.coords.findIndex(
      (p, i) => i + 1 < r.coords.length && crosses({ ...r, coords: [p, r.coords[i + 1]!] }),
    );
    const p = inPts[Math.floor(inPts.length / 2)] ?? r.coords[Math.max(0, seg)]!;
    const q = inPts.length ? p : (r.coords[seg + 1] ?? p);
    const lx = clamp((x(p[0]) + x(q[0])) / 2, 20, W - 80);
    const ly = clamp((y(p[1]) + y(q[1])) / 2, 16, H - 36);
    labels.set(r.name, `<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}">${esc(r.name)}</text>`);
  }
  const scaleM = niceScale(w / 4);
  const scalePx = (scaleM / w) * W;
  const track = shape.line.length > 1 ? `<path d="${path(shape.line)}" class="track"/>` : '';
  const dots = shape.line.length === 1 ? dot(shape.line[0]!, 'track-dot') : '';
  const where = shape.where ? dot(shape.where, 'where') : '';
  function dot(p: LonLat, cls: string): string {
    return `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="7" class="${cls}"/>`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" class="track-svg" role="img" ` +
    `aria-label="${esc(caption)}"><rect width="${W}" height="${H}" class="bg"/>${roadPaths}` +
    `<g class="labels">${[...labels.values()].join('')}</g>${track}${dots}${where}` +
    `<g class="scale"><path d="M20,${H - 20}h${scalePx.toFixed(1)}"/><text x="20" y="${H - 26}">` +
    `${scaleM >= 1000 ? `${scaleM / 1000} km` : `${scaleM} m`}</text></g></svg>`;
  return { svg, roads: near.length };
}

/** 1, 2 or 5 × a power of ten, at most `m`. */
export function niceScale(m: number): number {
  const p = 10 ** Math.floor(Math.log10(m));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= m) ?? p;
}
