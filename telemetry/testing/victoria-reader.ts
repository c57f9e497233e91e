/**
 * Test helper: reads positions back from victoria-metrics' export API in place of the Flux queries (which only a
 * real InfluxDB 2 can answer). Series "position_F" with label vehicle → rows shaped like the pivoted Flux rows.
 */
import type { Position } from '../../kernel/types/index.ts';
import { fromRow, newestPerVehicle, type FluxRow } from '../store/influx-points.ts';
import type { Victoria } from './victoria.ts';

const BOOLEAN_FIELDS = new Set(['late', 'work_active']);
/** victoria-metrics stores string fields as 0: they cannot be read back. */
const STRING_FIELDS = new Set(['work_mode']);

export class VictoriaReader {
  constructor(private readonly vm: Victoria) {}

  private async rows(selector: string): Promise<FluxRow[]> {
    const byKey = new Map<string, Record<string, unknown>>();
    for (const s of await this.vm.export(selector)) {
      const field = (s.metric.__name__ ?? '').replace(/^position_/, '');
      if (STRING_FIELDS.has(field)) continue;
      s.timestamps.forEach((t, i) => {
        const key = `${s.metric.vehicle}\u0000${t}`;
        const row = byKey.get(key) ?? { _time: new Date(t).toISOString(), vehicle: s.metric.vehicle };
        const v = s.values[i];
        row[field] = BOOLEAN_FIELDS.has(field) ? v === 1 : v;
        byKey.set(key, row);
      });
    }
    return [...byKey.values()];
  }

  async track(vehicleId: string, from: number, to: number): Promise<Position[]> {
    const rows = await this.rows(`{__name__=~"position_.+",vehicle=${JSON.stringify(vehicleId)}}`);
    return rows
      .flatMap((r) => {
        const p = fromRow(r);
        return p && p.ts >= from && p.ts <= to ? [p] : [];
      })
      .sort((a, b) => a.ts - b.ts);
  }

  async lastPositions(): Promise<Position[]> {
    return newestPerVehicle(await this.rows('{__name__=~"position_.+"}'));
  }
}
