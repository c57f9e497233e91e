/**
 * Refused frames and messages, counted per reason and per terminal (the configured phone, or "unknown" so that
 * strangers cannot grow the label set), in /api/health (component jt808) and /metrics.
 */
import { Counter, Gauge, type Metric } from 'prom-client';
import { phoneKey } from '../../kernel/config/jt808.ts';
import { metrics } from '../../kernel/metrics.ts';
import type { FrameReason } from './codec.ts';

function getOrCreate<T extends Metric>(name: string, make: () => T): T {
  return (metrics.getSingleMetric(name) as T | undefined) ?? make();
}

const rejectedTotal = getOrCreate(
  'gridwatch_jt808_rejected_total',
  () =>
    new Counter({
      name: 'gridwatch_jt808_rejected_total',
      help:
        'JT/T 808 frames and messages refused, per reason and terminal phone (terminal="unknown" if not ' +
        'configured).',
      labelNames: ['reason', 'terminal'],
      registers: [metrics],
    }),
);
export const connectionsGauge = getOrCreate(
  'gridwatch_jt808_connections',
  () => new Gauge({ name: 'gridwatch_jt808_connections', help: 'Open JT/T 808 connections.', registers: [metrics] }),
);
export const authenticatedGauge = getOrCreate(
  'gridwatch_jt808_authenticated',
  () =>
    new Gauge({
      name: 'gridwatch_jt808_authenticated',
      help: 'JT/T 808 connections of authenticated terminals.',
      registers: [metrics],
    }),
);

export class Jt808Counters {
  private readonly byReason = new Map<FrameReason, number>();
  private readonly byTerminal = new Map<string, Map<FrameReason, number>>();
  total = 0;

  constructor(private readonly isConfigured: (phone: string) => boolean) {}

  rejected(reason: FrameReason, phone: string | undefined): void {
    const label =
      phone !== undefined && this.isConfigured(phone) ? phoneKey(phone).replace(/^0+(?=\d{12})/, '') : 'unknown';
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    let t = this.byTerminal.get(label);
    if (!t) {
      t = new Map();
      this.byTerminal.set(label, t);
    }
    t.set(reason, (t.get(reason) ?? 0) + 1);
    rejectedTotal.inc({ reason, terminal: label });
  }

  reasons(): Record<string, number> {
    return Object.fromEntries(this.byReason);
  }

  /** Per terminal label (12-digit phone, or the 20-digit one for longer numbers; "unknown"), per reason. */
  terminals(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.byTerminal].map(([k, v]) => [k, Object.fromEntries(v)]));
  }
}
