/**
 * The offline base map, under every map's vector layers: water, green areas, buildings and expressways
 * (GET /api/map/base, e.g. from the city's OpenStreetMap file) and the road network (GET /api/map/roads) with its
 * street names, so a map is readable without any tile server. Names are placed along their street (rotated to it),
 * one label per ~700 m of street, shown from zoom 14 on. Loaded once per page.
 */
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import L from 'leaflet';
import { api } from '../../lib/api.ts';

export const BASE_PANE = 'gw-base';
const LABEL_PANE = 'gw-labels';

let data: Promise<[FeatureCollection, FeatureCollection<LineString>]> | undefined;
const load = (): Promise<[FeatureCollection, FeatureCollection<LineString>]> =>
  (data ??= Promise.all([
    api.get<FeatureCollection>('/api/map/base').catch(() => ({ type: 'FeatureCollection' as const, features: [] })),
    api
      .get<FeatureCollection<LineString>>('/api/map/roads')
      .catch(() => ({ type: 'FeatureCollection' as const, features: [] })),
  ]));

const KIND_STYLE: Record<string, L.PathOptions> = {
  water: { color: '#1e4e79', fillColor: '#1e4e79', weight: 1, fillOpacity: 0.8 },
  green: { color: '#1f4d35', fillColor: '#1f4d35', weight: 0, fillOpacity: 0.55 },
  building: { color: '#3b4a61', fillColor: '#334155', weight: 0.5, fillOpacity: 0.9 },
  expressway: { color: '#7c6a3a', weight: 4, opacity: 0.8 },
};
const MAJOR = new Set(['trunk', 'primary', 'secondary', 'trunk_link', 'primary_link', 'secondary_link']);

function roadStyle(kind: unknown): L.PathOptions {
  const major = typeof kind === 'string' && MAJOR.has(kind);
  return { color: major ? '#64748b' : '#475569', weight: major ? 4 : kind === 'service' ? 1.5 : 2.5, opacity: 0.9 };
}

/** Length in metres of a line, and the point and bearing (degrees, kept readable: -90..90) at a share of it. */
function along(coords: readonly Position[], share: number): { m: number; at?: { ll: L.LatLng; angle: number } } {
  const seg = coords.slice(1).map((q, i) => {
    const p = coords[i]!;
    const kx = Math.cos(((p[1]! + q[1]!) / 2) * (Math.PI / 180)) * 111_320;
    const [dx, dy] = [(q[0]! - p[0]!) * kx, (q[1]! - p[1]!) * 110_540];
    return { p, q, len: Math.hypot(dx, dy), angle: (-Math.atan2(dy, dx) * 180) / Math.PI };
  });
  const m = seg.reduce((a, s) => a + s.len, 0);
  let left = m * share;
  for (const s of seg) {
    if (left <= s.len && s.len > 0) {
      const f = left / s.len;
      let angle = s.angle;
      if (angle > 90) angle -= 180;
      if (angle < -90) angle += 180;
      const ll = L.latLng(s.p[1]! + (s.q[1]! - s.p[1]!) * f, s.p[0]! + (s.q[0]! - s.p[0]!) * f);
      return { m, at: { ll, angle } };
    }
    left -= s.len;
  }
  return { m };
}

const rotate = (deg: number): string => `transform: translate(-50%, -50%) rotate(${deg.toFixed(1)}deg)`;
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Street-name labels: for each name, along its longest lines, one per ~700 m. */
function labels(roads: readonly Feature<LineString>[]): L.Marker[] {
  const byName = new Map<string, Feature<LineString>[]>();
  for (const f of roads) {
    const name = f.properties?.name;
    if (typeof name === 'string' && name) byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const out: L.Marker[] = [];
  for (const [name, lines] of byName) {
    const sized = lines.map((f) => ({ c: f.geometry.coordinates, m: along(f.geometry.coordinates, 0).m }));
    sized.sort((a, b) => b.m - a.m);
    const placed: L.LatLng[] = [];
    for (const { c, m } of sized) {
      if (m < 150) continue;
      const n = Math.max(1, Math.round(m / 700));
      for (let k = 0; k < n; k++) {
        const at = along(c, (k + 0.5) / n).at;
        // the two carriageways of a road are two lines side by side: one label for both
        if (!at || placed.some((p) => p.distanceTo(at.ll) < 350)) continue;
        placed.push(at.ll);
        const icon = L.divIcon({
          className: 'street-label',
          html: `<span class="street-name" style="${rotate(at.angle)}">${esc(name)}</span>`,
          iconSize: [0, 0],
        });
        out.push(L.marker(at.ll, { icon, interactive: false, keyboard: false, pane: LABEL_PANE }));
      }
    }
  }
  return out;
}

/** Draw the base map on `map` (panes under the overlays); resolves when drawn. */
export async function addBaseLayer(map: L.Map): Promise<void> {
  if (!map.getPane(BASE_PANE)) map.createPane(BASE_PANE).style.zIndex = '250';
  if (!map.getPane(LABEL_PANE)) {
    const pane = map.createPane(LABEL_PANE);
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
  }
  const [base, roads] = await load();
  const layer = L.layerGroup().addTo(map);
  const renderer = L.canvas({ pane: BASE_PANE });
  L.geoJSON(base, {
    pane: BASE_PANE,
    style: (f) => ({
      ...(KIND_STYLE[String(f?.properties?.kind)] ?? KIND_STYLE.building),
      renderer,
      interactive: false,
    }),
  }).addTo(layer);
  L.geoJSON(roads, {
    pane: BASE_PANE,
    style: (f) => ({ ...roadStyle(f?.properties?.kind), renderer, interactive: false }),
  }).addTo(layer);
  const names = L.layerGroup(labels(roads.features));
  const toggle = (): void => {
    if (map.getZoom() >= 14) names.addTo(map);
    else names.remove();
  };
  map.on('zoomend', toggle);
  toggle();
}
