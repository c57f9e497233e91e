/**
 * `GET /api/bigscreen`: everything the 大屏 (big-screen overview) draws, in one answer — the cases overview
 * (cases/overview.ts), camera and vehicle availability with today's blind-spot time, vehicle positions. The page
 * refreshes it when the live feed says something changed.
 */
import { Hono } from 'hono';
import type { CasesModule } from '../cases/module.ts';
import { type CaseOverview, caseOverview } from '../cases/overview.ts';
import type { CameraManager } from '../ingest/manager.ts';
import { access } from '../kernel/http/access.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import type { TelemetryService } from '../telemetry/service.ts';
import type { AlertCenter } from './alerts.ts';
import { type Availability, availability, type Outage } from './bigscreen-devices.ts';

const allow = access('dashboard');
const WEEK = 7 * 86_400_000;

export interface BigScreenVehicle {
  readonly id: string;
  readonly name?: string;
  readonly online: boolean;
  readonly lat: number;
  readonly lon: number;
}

export interface BigScreen {
  readonly now: number;
  readonly timezone: string;
  readonly cases: CaseOverview;
  readonly cameras: Availability;
  readonly vehicles: Availability & { readonly positions: readonly BigScreenVehicle[] };
}

export interface BigScreenParts {
  readonly cases: CasesModule;
  /** Absent on a core node (the cameras run on video nodes). */
  readonly cameras?: CameraManager;
  /** Absent on a core node (positions are taken by telemetry nodes). */
  readonly telemetry?: TelemetryService;
  readonly alerts: AlertCenter;
}

function outages(alerts: AlertCenter, since: number, kind: 'camera-offline' | 'vehicle-offline'): Outage[] {
  return alerts
    .list({ since, limit: 20_000 })
    .filter((a) => a.kind === kind)
    .flatMap((a) => {
      const id = kind === 'camera-offline' ? a.cameraId : a.vehicleId;
      return id === undefined ? [] : [{ id, from: a.ts, ...(a.resolvedAt !== undefined ? { to: a.resolvedAt } : {}) }];
    });
}

export async function bigScreen(p: BigScreenParts): Promise<BigScreen> {
  const svc = p.cases.service;
  const now = svc.now();
  const cases = caseOverview(svc.repo.db, svc.catalog, now);
  const window = { from: cases.today.from, now };
  const cams = p.cameras?.statuses() ?? [];
  const cameras = availability(
    cams.map((s) => s.cameraId),
    new Set(cams.filter((s) => s.state === 'online').map((s) => s.cameraId)),
    outages(p.alerts, window.from - WEEK, 'camera-offline'),
    window,
  );
  const fleet = p.telemetry ? await p.telemetry.vehicles() : [];
  const vehicles = availability(
    fleet.map((v) => v.id),
    new Set(fleet.filter((v) => v.online).map((v) => v.id)),
    outages(p.alerts, window.from - WEEK, 'vehicle-offline'),
    window,
  );
  const positions = fleet.flatMap((v) =>
    v.position
      ? [{ id: v.id, ...(v.name ? { name: v.name } : {}), online: v.online, lat: v.position.lat, lon: v.position.lon }]
      : [],
  );
  return { now, timezone: svc.catalog.timezone, cases, cameras, vehicles: { ...vehicles, positions } };
}

export function bigscreenRoutes(p: BigScreenParts): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get(
    '/api/bigscreen',
    allow(
      ['admin', 'operator', 'regulator'],
      '大屏: reports by source, KPIs, trends, top cells/streets/categories, rankings, device availability, map.',
    ),
    async (c) => c.json(await bigScreen(p)),
  );
  return app;
}
