/**
 * The 大屏's live map over the offline base map (leaflet-map.ts): open cases (overdue red) and vehicles (live
 * positions), fitted to what it shows.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { categoryName, vehicleName } from '../../lib/config.ts';
import { useLeaflet } from '../map/use-leaflet.ts';
import { useVehicles } from '../map/use-vehicles.ts';
import type { BigScreen } from './bigscreen-api.ts';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function BigScreenMap({ open }: { open: BigScreen['cases']['open'] }) {
  const { ref, handle, lib } = useLeaflet(['cases', 'vehicles']);
  const vehicles = useVehicles();
  const fitted = useRef(false);
  useEffect(() => {
    if (!handle || !lib) return;
    handle.layers.cases.clearLayers();
    for (const c of open)
      lib
        .dot(c.lat, c.lon, c.overdue ? '#ef4444' : '#f59e0b', 8, esc(`${c.id} · ${categoryName(c.category)}`))
        .addTo(handle.layers.cases);
    if (!fitted.current && open.length > 0) {
      fitted.current = true;
      lib.fitTo(handle, ['cases', 'vehicles']);
    }
  }, [handle, open]);
  useEffect(() => {
    if (!handle || !lib) return;
    handle.layers.vehicles.clearLayers();
    for (const v of vehicles.values())
      if (v.last)
        lib
          .dot(v.last.lat, v.last.lon, v.online ? '#22c55e' : '#64748b', 10, esc(`🚛 ${vehicleName(v.id)}`))
          .addTo(handle.layers.vehicles);
  }, [handle, vehicles]);
  return (
    <div class="bs-map-wrap">
      <div ref={ref} class="bs-map-canvas" data-testid="bigscreen-map" />
      <div class="bs-legend">
        <span>
          <i style={{ background: '#f59e0b' }} />
          {t('bigscreen.map.open')} {open.length}
        </span>
        <span>
          <i style={{ background: '#ef4444' }} />
          {t('bigscreen.map.overdue')} {open.filter((c) => c.overdue).length}
        </span>
        <span>
          <i style={{ background: '#22c55e' }} />
          {t('bigscreen.map.vehicle')}
        </span>
        <span>
          <i style={{ background: '#64748b' }} />
          {t('bigscreen.map.vehicleOff')}
        </span>
      </div>
    </div>
  );
}
