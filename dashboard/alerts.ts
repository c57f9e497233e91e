/** The alert centre: turns bus events into persisted alerts, tells live listeners, records acknowledgements. */
import type { Clock } from '../kernel/clock.ts';
import type { Component } from '../kernel/component.ts';
import type { EventBus } from '../kernel/bus.ts';
import type { Db } from '../kernel/db.ts';
import type { Logger } from '../kernel/log.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';
import { cameraAlert, hitAlert, vehicleAlert, violationAlert } from './alert-rules.ts';
import type { Alert } from './alert-types.ts';
import type { Texts } from '../kernel/messages/texts.ts';

export type AlertListener = (alert: Alert, isNew: boolean) => void;

export interface AlertQuery {
  readonly since?: number;
  readonly unacked?: boolean;
  readonly limit: number;
}

const RETENTION_MS = 30 * 24 * 3600_000;

export class AlertCenter implements Component {
  readonly name = 'alerts';
  private readonly listeners = new Set<AlertListener>();
  private readonly openCamera = new Map<string, string>();
  private readonly openVehicle = new Map<string, string>();
  private unsubscribe: (() => void)[] = [];
  private count = 0;

  constructor(
    private readonly deps: {
      readonly bus: EventBus;
      readonly db: () => Db;
      readonly clock: Clock;
      readonly log: Logger;
      /** Alert details in server.locale. */
      readonly texts?: Texts;
    },
  ) {}

  async start(): Promise<void> {
    const { bus } = this.deps;
    this.deps
      .db()
      .prepare('DELETE FROM dashboard_alerts WHERE ts < ?')
      .run(this.deps.clock.now() - RETENTION_MS);
    this.unsubscribe = [
      bus.on('hit', (e) => this.upsert(hitAlert(e, this.deps.texts))),
      bus.on('violation', (e) => this.upsert(violationAlert(e, this.deps.texts))),
      bus.on('camera.status', (s) =>
        this.track(cameraAlert(s, this.openCamera.get(s.cameraId), this.deps.texts), this.openCamera, s.cameraId, s.ts),
      ),
      bus.on('vehicle.status', (s) =>
        this.track(
          vehicleAlert(s, this.openVehicle.get(s.vehicleId), this.deps.texts),
          this.openVehicle,
          s.vehicleId,
          s.ts,
        ),
      ),
    ];
  }

  async stop(): Promise<void> {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.listeners.clear();
  }

  health(): ComponentHealth {
    return { state: 'ok', stats: { alerts: this.count, listeners: this.listeners.size } };
  }

  onAlert(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(q: AlertQuery): Alert[] {
    const rows = this.deps
      .db()
      .prepare(
        `SELECT body, acked_by, acked_at FROM dashboard_alerts WHERE ts >= ? ` +
          `${q.unacked ? 'AND acked_at IS NULL' : ''} ORDER BY ts DESC LIMIT ?`,
      )
      .all(Math.ceil(q.since ?? 0), q.limit) as { body: string; acked_by: string | null; acked_at: number | null }[];
    return rows.map((r) => withAck(JSON.parse(r.body) as Alert, r.acked_by, r.acked_at));
  }

  get(id: string): Alert | undefined {
    const r = this.deps.db().prepare('SELECT body, acked_by, acked_at FROM dashboard_alerts WHERE id = ?').get(id) as
      | { body: string; acked_by: string | null; acked_at: number | null }
      | undefined;
    return r && withAck(JSON.parse(r.body) as Alert, r.acked_by, r.acked_at);
  }

  /** Acknowledge; the first acknowledgement stands. Undefined when no such alert. */
  ack(id: string, by: string): Alert | undefined {
    this.deps
      .db()
      .prepare('UPDATE dashboard_alerts SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS NULL')
      .run(by, this.deps.clock.now(), id);
    const alert = this.get(id);
    if (alert) this.tell(alert, false);
    return alert;
  }

  /** Insert or update (a hit's later phases update its alert; only the first is new). */
  private upsert(alert: Alert): void {
    const before = this.get(alert.id);
    const merged: Alert = before ? { ...alert, ts: before.ts, thumbnail: alert.thumbnail ?? before.thumbnail } : alert;
    const body = JSON.stringify({ ...merged, acked: undefined });
    if (before) this.deps.db().prepare('UPDATE dashboard_alerts SET body = ? WHERE id = ?').run(body, alert.id);
    else
      this.deps
        .db()
        .prepare('INSERT INTO dashboard_alerts (id, ts, kind, body) VALUES (?, ?, ?, ?)')
        .run(alert.id, Math.round(alert.ts), alert.kind, body); // whole ms (a BIGINT column on PostgreSQL)
    if (!before) this.count++;
    this.tell(before?.acked ? { ...merged, acked: before.acked } : merged, !before);
  }

  private track(r: { open?: Alert; resolve?: string }, open: Map<string, string>, key: string, ts: number): void {
    if (r.open) {
      open.set(key, r.open.id);
      this.upsert(r.open);
    } else if (r.resolve) {
      open.delete(key);
      const alert = this.get(r.resolve);
      if (alert) this.upsert({ ...alert, resolvedAt: ts });
    }
  }

  private tell(alert: Alert, isNew: boolean): void {
    for (const l of [...this.listeners]) {
      try {
        l(alert, isNew);
      } catch (err) {
        this.deps.log.error({ err }, 'alert listener failed');
      }
    }
  }
}

function withAck(alert: Alert, by: string | null, at: number | null): Alert {
  return by !== null && at !== null ? { ...alert, acked: { by, at } } : alert;
}
