/** The page for a route. Map and reports load their libraries (Leaflet, ECharts) only when opened. */
import type { Route } from '../lib/router.ts';
import { BigScreenPage } from './bigscreen/bigscreen.tsx';
import { StatsPage } from './stats/stats-page.tsx';
import type { Session } from '../lib/session.ts';
import { AdminPage } from './admin/admin-page.tsx';
import { CaseBoard } from './cases/case-board.tsx';
import { MapPage } from './map/map-page.tsx';
import { MonitorPage } from './monitor/monitor.tsx';
import { PlaybackPage } from './playback/playback.tsx';
import type { PageId } from './registry.ts';
import { ReportsPage } from './reports/reports.tsx';
import { ZoneEditorPage } from './zones/zone-editor.tsx';

export function Page({ id, route, session }: { id: PageId; route: Route; session: Session }) {
  switch (id) {
    case 'monitor':
      return <MonitorPage />;
    case 'cases':
      return <CaseBoard route={route} />;
    case 'map':
      return <MapPage />;
    case 'zones':
      return <ZoneEditorPage route={route} />;
    case 'reports':
      return <ReportsPage route={route} />;
    case 'admin':
      return <AdminPage route={route} session={session} />;
    case 'stats':
      return <StatsPage route={route} />;
    case 'bigscreen':
      return <BigScreenPage session={session} />;
    case 'playback':
      return <PlaybackPage route={route} />;
  }
}
