/**
 * What the UI needs to draw itself, taken from the config: names of categories, units, cameras, vehicles; map settings.
 */
import type { WorkCalendar } from '../cases/calendar.ts';
import type { Config } from '../kernel/config/schema.ts';
import type { Locale } from './i18n.ts';

export interface UiConfig {
  readonly locale: Locale;
  /** Time zone dates are shown in: the work calendar's. */
  readonly timezone: string;
  /** The work calendar (hours, days off, holidays, 调休): the phone UI counts time left in working hours. */
  readonly calendar: WorkCalendar;
  readonly map: {
    readonly tileUrl?: string;
    readonly tileAttribution: string;
    /** An offline base map is configured (server.map.base, GET /api/map/base). */
    readonly base: boolean;
    readonly baseAttribution: string;
    readonly center: { readonly lat: number; readonly lon: number };
    readonly zoom: number;
    /** No centre configured: the map fits itself to what it shows. */
    readonly fit: boolean;
  };
  readonly categories: readonly { code: string; major: string; name: string; nameEn?: string; limitHours: number }[];
  readonly units: readonly { id: string; name: string; contractor: boolean }[];
  readonly cameras: readonly {
    id: string;
    name?: string;
    enabled: boolean;
    location?: { lat: number; lon: number };
    gridCell?: string;
  }[];
  readonly vehicles: readonly {
    id: string;
    name?: string;
    type: string;
    contractor?: string;
    plan?: string;
    /** Driven by the simulated fleet (mqtt.simulate): labelled 模拟 in the UI. */
    simulated?: true;
  }[];
  readonly plans: readonly { id: string; name?: string; timezone: string }[];
  /** The server's clock when this was sent (the UI corrects for a browser clock that differs). */
  readonly serverTime: number;
  readonly grid: {
    readonly regular?: {
      origin: readonly [number, number];
      cellMeters: number;
      columns: number;
      rows: number;
      prefix: string;
    };
    readonly cells: number;
  };
}

/** The configured centre, else the middle of the cameras, else the grid's middle, else Beijing. */
export function mapCenter(config: Config): { lat: number; lon: number } {
  if (config.server.map.center) return config.server.map.center;
  const pts = config.cameras.flatMap((c) => (c.location ? [c.location] : []));
  if (pts.length)
    return {
      lat: pts.reduce((s, p) => s + p.lat, 0) / pts.length,
      lon: pts.reduce((s, p) => s + p.lon, 0) / pts.length,
    };
  const g = config.grid.regular;
  if (g) {
    const dLat = (g.cellMeters * g.rows) / 111_195;
    const dLon = (g.cellMeters * g.columns) / (111_195 * Math.cos((g.origin[1] * Math.PI) / 180));
    return { lat: g.origin[1] + dLat / 2, lon: g.origin[0] + dLon / 2 };
  }
  return { lat: 39.9042, lon: 116.4074 };
}

/** Whether the simulated fleet drives this vehicle (its list, else every vehicle with a plan). */
function simulated(config: Config, v: Config['vehicles'][number]): boolean {
  const sim = config.mqtt.simulate;
  if (!sim) return false;
  return sim.vehicles
    ? sim.vehicles.includes(v.id)
    : !!(v.plan ?? config.plans.find((p) => p.contractor === v.contractor));
}

export function uiConfig(config: Config, now: number): UiConfig {
  const m = config.server.map;
  return {
    locale: config.server.locale,
    timezone: config.cases.calendar.timezone,
    calendar: config.cases.calendar,
    map: {
      ...(m.tileUrl ? { tileUrl: m.tileUrl } : {}),
      tileAttribution: m.tileAttribution,
      base: !!m.base,
      baseAttribution: m.baseAttribution,
      center: mapCenter(config),
      zoom: m.zoom,
      fit: !m.center,
    },
    categories: config.cases.categories.map((c) => ({
      code: c.code,
      major: c.major,
      name: c.name,
      ...(c.nameEn ? { nameEn: c.nameEn } : {}),
      limitHours: c.limitHours,
    })),
    units: config.cases.units.map((u) => ({ id: u.id, name: u.name, contractor: u.contractor })),
    cameras: config.cameras.map((c) => ({
      id: c.id,
      enabled: c.enabled,
      ...(c.name ? { name: c.name } : {}),
      ...(c.location ? { location: c.location } : {}),
      ...(c.gridCell ? { gridCell: c.gridCell } : {}),
    })),
    vehicles: config.vehicles.map((v) => ({
      ...(simulated(config, v) ? { simulated: true as const } : {}),
      id: v.id,
      type: v.type,
      ...(v.name ? { name: v.name } : {}),
      ...(v.contractor ? { contractor: v.contractor } : {}),
      ...(v.plan ? { plan: v.plan } : {}),
    })),
    plans: config.plans.map((p) => ({ id: p.id, timezone: p.timezone, ...(p.name ? { name: p.name } : {}) })),
    serverTime: now,
    grid: { ...(config.grid.regular ? { regular: config.grid.regular } : {}), cells: config.grid.cells.length },
  };
}
