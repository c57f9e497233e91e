/**
 * The Leaflet map (bundled, loaded with the map page): vector layers over the offline base map (base-layer.ts: the
 * road network with street names, buildings, water, green areas), and base tiles under it when server.map.tileUrl
 * names the city's tile server (天地图 or its own). Canvas rendering keeps thousands of features smooth.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import { t } from '../../i18n/index.ts';
import type { UiConfig } from '../../lib/config.ts';
import { addBaseLayer } from './base-layer.ts';
import { cellAt, gridLines } from './grid-lines.ts';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export type LayerName = 'grid' | 'roads' | 'coverage' | 'cameras' | 'cases' | 'vehicles' | 'track' | 'violations';

export interface MapHandle {
  readonly map: L.Map;
  readonly layers: Readonly<Record<LayerName, L.LayerGroup>>;
  destroy(): void;
}

export function createMap(el: HTMLElement, cfg: UiConfig, show: readonly LayerName[]): MapHandle {
  const attribution = !!cfg.map.tileUrl || !!cfg.map.baseAttribution;
  const map = L.map(el, { preferCanvas: true, zoomControl: true, attributionControl: attribution }).setView(
    [cfg.map.center.lat, cfg.map.center.lon],
    cfg.map.zoom,
  );
  map.attributionControl?.setPrefix(false);
  if (cfg.map.tileUrl) L.tileLayer(cfg.map.tileUrl, { attribution: cfg.map.tileAttribution, maxZoom: 19 }).addTo(map);
  if (cfg.map.baseAttribution) map.attributionControl?.addAttribution(esc(cfg.map.baseAttribution));
  void addBaseLayer(map);
  const names: LayerName[] = ['grid', 'roads', 'coverage', 'cameras', 'cases', 'vehicles', 'track', 'violations'];
  const layers = Object.fromEntries(names.map((n) => [n, L.layerGroup()])) as Record<LayerName, L.LayerGroup>;
  const control = L.control.layers(undefined, undefined, { collapsed: false });
  for (const n of show) {
    layers[n].addTo(map);
    control.addOverlay(layers[n], t(`map.layer.${n}`));
  }
  control.addTo(map);
  // bottom right, so a page's legend (bottom left) never covers it
  L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map);
  const grid = cfg.grid.regular;
  if (grid && show.includes('grid')) {
    for (const line of gridLines(grid))
      L.polyline(line, { color: '#64748b', weight: 0.6, opacity: 0.6, interactive: false }).addTo(layers.grid);
    map.on('click', (e: L.LeafletMouseEvent) => {
      const code = cellAt(grid, e.latlng.lat, e.latlng.lng);
      if (code)
        L.popup()
          .setLatLng(e.latlng)
          .setContent(`${t('field.grid')}: ${code}`)
          .openOn(map);
    });
  }
  // The page lays the container out after the map is made; keep Leaflet's idea of its size current.
  const resize = new ResizeObserver(() => map.invalidateSize({ pan: false }));
  resize.observe(el);
  return {
    map,
    layers,
    destroy: () => {
      resize.disconnect();
      map.remove();
    },
  };
}

export function addGeoJson(
  layer: L.LayerGroup,
  data: FeatureCollection,
  style: L.PathOptions | ((f?: GeoJSON.Feature) => L.PathOptions),
  tooltip?: (props: Record<string, unknown>) => string,
): void {
  L.geoJSON(data, {
    style: typeof style === 'function' ? style : () => style,
    ...(tooltip
      ? {
          onEachFeature: (f, l) =>
            l.bindTooltip(tooltip((f.properties ?? {}) as Record<string, unknown>), { sticky: true }),
        }
      : {}),
  }).addTo(layer);
}

/** Fit the view to what some layers show (when there is anything). */
export function fitTo(handle: MapHandle, names: readonly LayerName[]): void {
  const bounds = L.latLngBounds([]);
  for (const n of names) {
    handle.layers[n].eachLayer((l) => {
      if ('getBounds' in l && typeof l.getBounds === 'function') bounds.extend((l as L.FeatureGroup).getBounds());
      else if ('getLatLng' in l && typeof l.getLatLng === 'function') bounds.extend((l as L.Marker).getLatLng());
    });
  }
  if (bounds.isValid()) handle.map.fitBounds(bounds, { padding: [32, 32], maxZoom: 16 });
}

export function dot(lat: number, lon: number, color: string, radius = 7, html?: string): L.CircleMarker {
  const m = L.circleMarker([lat, lon], { radius, color: '#0f172a', weight: 1.5, fillColor: color, fillOpacity: 0.95 });
  if (html) m.bindTooltip(html);
  return m;
}

export { L };
