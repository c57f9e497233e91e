/**
 * 地图: over the offline base map (streets with names, buildings, water), what the user's role needs: the monitoring
 * room (operator, admin) cameras and open cases, the sanitation regulator vehicles and street coverage, a handler
 * the open cases only (no sanitation trucks); grid cells for all.
 */
import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { api, query } from '../../lib/api.ts';
import { cameraName, categoryName, configStore, serverNow, vehicleName } from '../../lib/config.ts';
import { useLive } from '../../lib/live.ts';
import { type Role, sessionStore } from '../../lib/session.ts';
import type { Case } from '../../lib/types.ts';
import { OPEN } from '../cases/case-filters.tsx';
import { isOverdue } from '../cases/cases-api.ts';
import { coverageStyle, isCovered, loadCoverage } from './coverage.ts';
import type { LayerName } from './leaflet-map.ts';
import { useLeaflet } from './use-leaflet.ts';
import { useVehicles } from './use-vehicles.ts';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The overlays each role sees (the layer control offers these). */
export function layersFor(role: Role | undefined): LayerName[] {
  if (role === 'regulator') return ['grid', 'coverage', 'vehicles', 'cases'];
  if (role === 'handler') return ['grid', 'cases'];
  return ['grid', 'coverage', 'cameras', 'cases', 'vehicles'];
}

export function MapPage() {
  const shown = layersFor(sessionStore.get()?.user.role);
  const { ref, handle, lib } = useLeaflet(shown);
  const simulated = (configStore.get()?.vehicles ?? []).some((v) => v.simulated) && shown.includes('vehicles');
  const vehicles = useVehicles();
  const [cases, setCases] = useState<readonly Case[]>([]);
  const loadCases = (): void =>
    void api.get<{ items: Case[] }>(`/api/cases${query({ status: OPEN, pageSize: 200 })}`).then(
      (p) => setCases(p.items),
      () => undefined,
    );
  useEffect(loadCases, []);
  useLive('case', loadCases);

  useEffect(() => {
    if (!handle || !lib) return;
    api.get<FeatureCollection>('/api/map/grid').then(
      (g) =>
        lib.addGeoJson(handle.layers.grid, g, { color: '#64748b', weight: 1, fillOpacity: 0.04 }, (p) =>
          esc(String(p.name ?? p.code)),
        ),
      () => undefined,
    );
    if (shown.includes('coverage'))
      void loadCoverage().then((fcs) => {
        for (const fc of fcs)
          lib.addGeoJson(handle.layers.coverage, fc, coverageStyle, (p) =>
            esc(
              `${String(p.street ?? p.segment)} · ${t(isCovered(p) ? 'map.covered' : 'map.missed')} ` +
                `${fmt.percent(Number(p.covered))}`,
            ),
          );
        if (configStore.get()?.map.fit) lib.fitTo(handle, ['coverage', 'cameras', 'vehicles']);
      });
    for (const c of shown.includes('cameras') ? (configStore.get()?.cameras ?? []) : []) {
      if (c.location)
        lib
          .dot(c.location.lat, c.location.lon, '#38bdf8', 7, esc(`📷 ${cameraName(c.id)}`))
          .addTo(handle.layers.cameras);
    }
  }, [handle]);

  useEffect(() => {
    if (!handle || !lib) return;
    handle.layers.cases.clearLayers();
    const now = serverNow();
    for (const c of cases) {
      if (!c.location) continue;
      const m = lib.dot(
        c.location.lat,
        c.location.lon,
        isOverdue(c, now) ? '#ef4444' : '#f59e0b',
        6,
        esc(`${c.id} · ${categoryName(c.category)} · ${t(`case.status.${c.status}`)}`),
      );
      m.on('click', () => (location.hash = `#/cases/${encodeURIComponent(c.id)}`));
      m.addTo(handle.layers.cases);
    }
  }, [handle, cases]);

  useEffect(() => {
    if (!handle || !lib || !shown.includes('vehicles')) return;
    handle.layers.vehicles.clearLayers();
    for (const v of vehicles.values()) {
      if (!v.last) continue;
      const working = v.last.work?.active;
      const color = !v.online ? '#475569' : working ? '#22c55e' : '#a3e635';
      const tip =
        `🚛 ${vehicleName(v.id)} · ${fmt.number(v.last.speedKmh ?? 0, 1)} km/h · ` +
        `${fmt.time(v.last.ts)}${v.online ? '' : ` · ${t('map.offline')}`}`;
      lib.dot(v.last.lat, v.last.lon, color, 8, esc(tip)).addTo(handle.layers.vehicles);
    }
  }, [handle, vehicles]);

  return (
    <div class="map-page">
      <div ref={ref} class="map" data-testid="map" />
      <div class="legend card" data-testid="map-legend">
        {simulated && <span class="sim-note">{t('map.simulated.note')}</span>}
        {shown.includes('vehicles') && (
          <span>
            <i class="sw" style="background:#22c55e" />
            {t('map.legend.working')}
          </span>
        )}
        {shown.includes('vehicles') && (
          <span>
            <i class="sw" style="background:#475569" />
            {t('map.legend.offline')}
          </span>
        )}
        {shown.includes('cameras') && (
          <span>
            <i class="sw" style="background:#38bdf8" />
            {t('map.layer.cameras')}
          </span>
        )}
        <span>
          <i class="sw" style="background:#f59e0b" />
          {t('map.legend.case')}
        </span>
        <span>
          <i class="sw" style="background:#ef4444" />
          {t('map.legend.overdue')}
        </span>
        {shown.includes('coverage') && (
          <span>
            <i class="ln" style="background:#16a34a" />
            {t('map.covered')}
          </span>
        )}
        {shown.includes('coverage') && (
          <span>
            <i class="ln" style="background:#dc2626" />
            {t('map.missed')}
          </span>
        )}
        <span>
          <i class="ln" style="background:#64748b" />
          {t('map.legend.street')}
        </span>
      </div>
    </div>
  );
}
