/** The route → roles table (see access.ts). Keep one line per route; others add theirs here too. */
import type { Role } from '../kernel/types/user.ts';
import type { AccessRule } from './access.ts';
import { trackQuery } from '../telemetry/routes.ts';
import { complianceQuery, coverageQuery, violationsQuery } from '../telemetry/route/routes.ts';
import { alertsQuery, eventsQuery, loginBody, zonesBody, zonesQuery } from './schemas.ts';
import { actionBody, casesQuery, createBody, kpiQuery } from '../cases/schemas.ts';

const ALL: readonly Role[] = ['admin', 'operator', 'handler', 'regulator'];
const ROOM: readonly Role[] = ['admin', 'operator'];

export const ACCESS_RULES: readonly AccessRule[] = [
  // dashboard: session, health, live feed, alerts, zones, evidence, map layers
  {
    method: 'POST',
    path: '/api/auth/login',
    roles: 'public',
    tag: 'auth',
    summary: 'Log in; sets the session cookie and returns the CSRF token.',
    body: loginBody,
  },
  { method: 'POST', path: '/api/auth/logout', roles: ALL, tag: 'auth', summary: 'Log out (ends the session).' },
  {
    method: 'GET',
    path: '/api/auth/session',
    roles: ALL,
    tag: 'auth',
    summary: 'The logged-in user and the CSRF token.',
  },
  { method: 'GET', path: '/api/health', roles: 'public', tag: 'system', summary: 'Health of every component.' },
  { method: 'GET', path: '/api/openapi.json', roles: ALL, tag: 'system', summary: 'This OpenAPI 3.1 document.' },
  {
    method: 'GET',
    path: '/metrics',
    roles: ['admin'],
    tag: 'system',
    summary: 'Prometheus metrics (admin session, or Bearer server.metricsToken).',
  },
  {
    method: 'GET',
    path: '/api/ui/config',
    roles: ALL,
    tag: 'dashboard',
    summary: 'What the UI needs: categories, units, cameras, vehicles, plans, map settings.',
  },
  {
    method: 'GET',
    path: '/api/events',
    roles: ALL,
    tag: 'dashboard',
    summary: 'Server-sent events: alert, hit, violation, case, camera.status, vehicle.status, vehicle.position.',
    query: eventsQuery,
  },
  {
    method: 'GET',
    path: '/api/alerts',
    roles: ROOM,
    tag: 'dashboard',
    summary: 'Recent alerts, newest first.',
    query: alertsQuery,
  },
  { method: 'POST', path: '/api/alerts/:id/ack', roles: ROOM, tag: 'dashboard', summary: 'Acknowledge an alert.' },
  {
    method: 'GET',
    path: '/api/zones',
    roles: ROOM,
    tag: 'dashboard',
    summary: 'Watched zones (configured, with saved edits applied).',
    query: zonesQuery,
  },
  {
    method: 'PUT',
    path: '/api/cameras/:id/zones',
    roles: ROOM,
    tag: 'dashboard',
    summary: "Replace a camera's zones (zone editor).",
    body: zonesBody,
  },
  {
    method: 'GET',
    path: '/api/evidence/*',
    roles: ALL,
    tag: 'dashboard',
    summary:
      "An evidence file (snapshot, annotated image, clip, track, photo) by its sha256 or its path; a handler gets only their unit's cases' evidence.",
  },
  { method: 'GET', path: '/api/map/grid', roles: ALL, tag: 'map', summary: 'Grid cells as GeoJSON polygons.' },
  {
    method: 'GET',
    path: '/api/map/roads',
    roles: ALL,
    tag: 'map',
    summary: 'The road network as GeoJSON lines (empty when none is configured).',
  },
  // cases (cases/routes.ts): finer checks (state, own unit) are made by the case state machine
  {
    method: 'GET',
    path: '/api/cases',
    roles: ALL,
    tag: 'cases',
    summary: 'Cases, filtered and paginated (a handler sees only their unit).',
    query: casesQuery,
  },
  {
    method: 'POST',
    path: '/api/cases',
    roles: ROOM,
    tag: 'cases',
    summary: 'Report a case by hand (inspector, hotline).',
    body: createBody,
  },
  {
    method: 'GET',
    path: '/api/cases/kpi',
    roles: ['admin', 'operator', 'regulator'],
    tag: 'cases',
    summary: 'KPIs over a period per unit, grid, category and contractor (JSON or CSV).',
    query: kpiQuery,
  },
  {
    method: 'GET',
    path: '/api/cases/:id',
    roles: ALL,
    tag: 'cases',
    summary: 'A case with its audit timeline and the actions the user may take now.',
  },
  {
    method: 'POST',
    path: '/api/cases/:id/actions/:action',
    roles: ALL,
    tag: 'cases',
    summary:
      'A transition (register, dispatch, accept, handle, verify, rework, extension, return, suspend, evaluate…).',
    body: actionBody,
  },
  {
    method: 'POST',
    path: '/api/cases/:id/photos',
    roles: ['admin', 'operator', 'handler'],
    tag: 'cases',
    summary: 'Upload a feedback photo (multipart/form-data field "photo").',
  },
  {
    method: 'GET',
    path: '/api/cases/:id/evidence/:n',
    roles: ALL,
    tag: 'cases',
    summary: 'One evidence file of a case the user may see.',
  },
  // telemetry (telemetry/routes.ts)
  {
    method: 'GET',
    path: '/api/vehicles',
    roles: ALL,
    tag: 'telemetry',
    summary: 'Every vehicle: last position, online state, validation counts.',
  },
  {
    method: 'GET',
    path: '/api/vehicles/:id/track',
    roles: ALL,
    tag: 'telemetry',
    summary: "A vehicle's fixes between two times, in time order.",
    query: trackQuery,
  },
  // cameras (ingest/routes.ts)
  {
    method: 'GET',
    path: '/api/cameras',
    roles: ALL,
    tag: 'cameras',
    summary: 'Every camera: state, last frame, fps, restarts, location and signed live-view URLs.',
  },
  {
    method: 'GET',
    path: '/api/cameras/:id/snapshot',
    roles: ALL,
    tag: 'cameras',
    summary: "JPEG of a camera's latest analysed frame.",
  },
  // route compliance (telemetry/route/routes.ts)
  {
    method: 'GET',
    path: '/api/reports/compliance',
    roles: ['admin', 'operator', 'regulator'],
    tag: 'route',
    summary: 'Daily route-compliance reports per vehicle and contractor (JSON or CSV).',
    query: complianceQuery,
  },
  {
    method: 'GET',
    path: '/api/plans/:id/coverage',
    roles: ALL,
    tag: 'route',
    summary: "A plan's assigned street segments as GeoJSON, covered or missed.",
    query: coverageQuery,
  },
  {
    method: 'GET',
    path: '/api/route/violations',
    roles: ALL,
    tag: 'route',
    summary: 'Open (or recently closed) route violations.',
    query: violationsQuery,
  },
];
