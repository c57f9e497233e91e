/**
 * A vehicle finding's track slice (GeoJSON evidence: the track as a line, the finding's place as a dot) on a small
 * Leaflet map with the grid, in the case detail.
 */
import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'preact/hooks';
import { fmt } from '../i18n/fmt.ts';
import { t } from '../i18n/index.ts';
import { useLeaflet } from '../pages/map/use-leaflet.ts';

export function TrackMap({ url, ts }: { url: string; ts: number }) {
  const { ref, handle, lib } = useLeaflet(['grid', 'track']);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!handle || !lib) return;
    let cancelled = false;
    fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(
        (geo) => {
          if (cancelled) return;
          handle.layers.track.clearLayers();
          lib.L.geoJSON(geo, {
            style: () => ({ color: '#dc2626', weight: 4, opacity: 0.9 }),
            pointToLayer: (f, ll) =>
              lib.dot(ll.lat, ll.lng, f.properties?.role === 'where' ? '#f59e0b' : '#dc2626', 7, t('evidence.where')),
          }).addTo(handle.layers.track);
          lib.fitTo(handle, ['track']);
        },
        (err: Error) => !cancelled && setError(err.message),
      );
    return () => {
      cancelled = true;
    };
  }, [handle, lib, url]);
  return (
    <figure class="evidence-figure track-map" data-kind="track">
      <div ref={ref} class="map map-small" />
      <figcaption>
        {error ? <span class="form-error">{error}</span> : t('evidence.kind.track')} · {fmt.dateTime(ts)}
      </figcaption>
    </figure>
  );
}
