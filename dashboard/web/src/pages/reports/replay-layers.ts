/** Draws a replay on the map: the whole track faint, the played part bold, the vehicle, its violations. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import type { FeatureCollection } from 'geojson';
import { api } from '../../lib/api.ts';
import type { Position, Violation } from '../../lib/types.ts';
import { coverageStyle, isCovered } from '../map/coverage.ts';
import type { MapHandle } from '../map/leaflet-map.ts';
import type { LeafletModule } from '../map/use-leaflet.ts';
import { latLngs } from './replay-state.ts';

export function useReplayLayers(
  handle: MapHandle | undefined,
  lib: LeafletModule | undefined,
  track: readonly Position[],
  violations: readonly Violation[],
  index: number,
  seek: (ts: number) => void,
): void {
  const played = useRef<ReturnType<LeafletModule['L']['polyline']>>();
  const marker = useRef<ReturnType<LeafletModule['L']['circleMarker']>>();
  useEffect(() => {
    if (!handle || !lib) return;
    const { L } = lib;
    handle.layers.track.clearLayers();
    handle.layers.violations.clearLayers();
    if (track.length === 0) return;
    const all = L.polyline(latLngs(track), { color: '#64748b', weight: 3, opacity: 0.7 }).addTo(handle.layers.track);
    played.current = L.polyline([], { color: '#38bdf8', weight: 5 }).addTo(handle.layers.track);
    marker.current = lib.dot(track[0]!.lat, track[0]!.lon, '#22c55e', 9).addTo(handle.layers.track);
    for (const v of violations) {
      const m = lib.dot(v.where.lat, v.where.lon, '#ef4444', 7, `${t(`violation.${v.kind}`)} · ${fmt.time(v.start)}`);
      m.on('click', () => seek(v.start));
      m.addTo(handle.layers.violations);
    }
    handle.map.fitBounds(all.getBounds(), { padding: [24, 24] });
  }, [handle, track, violations]);
  useEffect(() => {
    const p = track[index];
    if (!p || !played.current || !marker.current) return;
    played.current.setLatLngs(latLngs(track, index));
    marker.current.setLatLng([p.lat, p.lon]);
  }, [index, track, handle]);
}

/** The vehicle's plan streets as it covered them in its last finished window. */
export function usePlanCoverage(
  handle: MapHandle | undefined,
  lib: LeafletModule | undefined,
  plan: string | undefined,
  vehicleId: string,
): void {
  useEffect(() => {
    if (!handle || !lib || !plan) return;
    handle.layers.coverage.clearLayers();
    api
      .get<FeatureCollection>(
        `/api/plans/${encodeURIComponent(plan)}/coverage?vehicle=${encodeURIComponent(vehicleId)}&window=last`,
      )
      .then(
        (fc) =>
          lib.addGeoJson(
            handle.layers.coverage,
            fc,
            coverageStyle,
            (p) => `${String(p.street ?? p.segment)} · ${t(isCovered(p) ? 'map.covered' : 'map.missed')}`,
          ),
        () => undefined,
      );
  }, [handle, plan, vehicleId]);
}
