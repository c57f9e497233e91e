/**
 * A small map to tap the problem's place on, zoomed to street level with the grid drawn (a tap also names the cell);
 * the chosen point is marked.
 */
import type { CircleMarker } from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useLeaflet } from '../../map/use-leaflet.ts';

export interface Point {
  readonly lat: number;
  readonly lon: number;
}

export function PickMap({ value, onPick }: { value?: Point; onPick: (p: Point) => void }) {
  const { ref, handle, lib } = useLeaflet(['grid']);
  const marker = useRef<CircleMarker>();
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!handle) return;
    handle.map.setZoom(Math.max(handle.map.getZoom(), 17));
    const onClick = (e: { latlng: { lat: number; lng: number } }) =>
      pick.current({ lat: e.latlng.lat, lon: e.latlng.lng });
    handle.map.on('click', onClick);
    return () => void handle.map.off('click', onClick);
  }, [handle]);
  useEffect(() => {
    if (!handle || !lib) return;
    marker.current?.remove();
    marker.current = undefined;
    if (!value) return;
    marker.current = lib.dot(value.lat, value.lon, '#f59e0b', 9).addTo(handle.map);
    handle.map.panTo([value.lat, value.lon]);
  }, [handle, lib, value?.lat, value?.lon]);
  return <div ref={ref} class="map insp-pick-map" data-testid="pick-map" />;
}
