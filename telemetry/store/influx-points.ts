/** Position ↔ InfluxDB: measurement "position", tag "vehicle", one field per value; and the Flux queries. */
import { flux, fluxDateTime, Point, type ParameterizedQuery } from '@influxdata/influxdb-client';
import type { Position } from '../../kernel/types/index.ts';

export const MEASUREMENT = 'position';

export function toPoint(p: Position): Point {
  const pt = new Point(MEASUREMENT).tag('vehicle', p.vehicleId).floatField('lat', p.lat).floatField('lon', p.lon);
  if (p.speedKmh !== undefined) pt.floatField('speed_kmh', p.speedKmh);
  if (p.heading !== undefined) pt.floatField('heading', p.heading);
  if (p.accuracyM !== undefined) pt.floatField('accuracy_m', p.accuracyM);
  if (p.work !== undefined) pt.booleanField('work_active', p.work.active);
  if (p.work?.mode !== undefined) pt.stringField('work_mode', p.work.mode);
  return pt.booleanField('late', p.late).intField('received_at', p.receivedAt).timestamp(p.ts);
}

/** One pivoted result row: _time plus a column per field. */
export type FluxRow = Readonly<Record<string, unknown>>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function fromRow(r: FluxRow): Position | null {
  const ts = typeof r._time === 'string' ? Date.parse(r._time) : Number.NaN;
  const lat = num(r.lat);
  const lon = num(r.lon);
  if (typeof r.vehicle !== 'string' || Number.isNaN(ts) || lat === undefined || lon === undefined) return null;
  const speedKmh = num(r.speed_kmh);
  const heading = num(r.heading);
  const accuracyM = num(r.accuracy_m);
  return {
    vehicleId: r.vehicle,
    ts,
    lat,
    lon,
    ...(speedKmh !== undefined ? { speedKmh } : {}),
    ...(heading !== undefined ? { heading } : {}),
    ...(accuracyM !== undefined ? { accuracyM } : {}),
    ...(typeof r.work_active === 'boolean'
      ? {
          work: {
            active: r.work_active,
            ...(typeof r.work_mode === 'string' && r.work_mode ? { mode: r.work_mode } : {}),
          },
        }
      : {}),
    receivedAt: num(r.received_at) ?? ts,
    late: r.late === true,
  };
}

export function trackQuery(
  bucket: string,
  vehicleId: string,
  from: number,
  to: number,
  limit: number,
): ParameterizedQuery {
  return flux`from(bucket: ${bucket})
  |> range(start: ${fluxDateTime(new Date(from).toISOString())}, stop: ${fluxDateTime(new Date(to + 1).toISOString())})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENT} and r.vehicle == ${vehicleId})
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
  |> group()
  |> sort(columns: ["_time"])
  |> limit(n: ${limit})`;
}

/** The newest point of each vehicle within the lookback (fields of that point pivoted into one row). */
export function lastQuery(bucket: string, lookbackDays: number): ParameterizedQuery {
  return flux`from(bucket: ${bucket})
  |> range(start: ${fluxDateTime(new Date(Date.now() - lookbackDays * 86_400_000).toISOString())})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENT})
  |> group(columns: ["vehicle", "_field"])
  |> last()
  |> pivot(rowKey: ["_time", "vehicle"], columnKey: ["_field"], valueColumn: "_value")
  |> group()`;
}

/** Per vehicle, the newest complete row (last() runs per field, so rows of older points can come along). */
export function newestPerVehicle(rows: readonly FluxRow[]): Position[] {
  const best = new Map<string, Position>();
  for (const r of rows) {
    const p = fromRow(r);
    if (!p) continue;
    const cur = best.get(p.vehicleId);
    if (!cur || p.ts > cur.ts) best.set(p.vehicleId, p);
  }
  return [...best.values()].sort((a, b) => a.vehicleId.localeCompare(b.vehicleId));
}
