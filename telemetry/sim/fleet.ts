/**
 * The simulated fleet component (mqtt.simulate): every simulated vehicle logs in to the broker as itself and
 * publishes its fixes when they are due (each second, the fixes dated up to now). At start the last
 * `backfillMinutes` of the local day go out at once, as a terminal's stored backlog, so the day's rounds so far show
 * immediately.
 */
import type { MqttClient } from 'mqtt';
import type { Component } from '../../kernel/component.ts';
import type { AppContext } from '../../kernel/context.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import type { EmbeddedBroker } from '../broker.ts';
import { FleetLogin } from '../fleet-login.ts';
import { zonedToEpoch } from '../../kernel/time.ts';
import { connectVehicle } from '../replay/publisher.ts';
import { localDay } from '../route/windows.ts';
import { Topics } from '../topics.ts';
import type { SimVehicle } from './schedule.ts';
import { simVehicles } from './vehicles.ts';

/** Where the backlog starts: `minutes` before now, but not before the local day began (a day is judged whole). */
export function backfillFrom(now: number, minutes: number, tz: string): number {
  const dayStart = zonedToEpoch(localDay(now, tz) * 86_400_000, tz);
  return Math.max(now - minutes * 60_000, dayStart);
}

export class SimFleet implements Component {
  readonly name = 'sim-fleet';
  private vehicles: SimVehicle[] = [];
  private readonly clients = new Map<string, MqttClient>();
  private timer?: NodeJS.Timeout;
  /** Per vehicle: fixes dated before this have been sent. */
  private readonly cursor = new Map<string, number>();
  private busy = false;
  private ticks = 0;
  private stopped = false;
  private counts = { published: 0, backfilled: 0 };
  private lastError?: string;
  private readonly login: FleetLogin;

  constructor(
    private readonly ctx: AppContext,
    broker?: EmbeddedBroker,
  ) {
    this.login = new FleetLogin(ctx, 'mqtt.simulate', broker);
  }

  async start(): Promise<void> {
    const sim = this.ctx.config.mqtt.simulate;
    if (!sim) return;
    this.vehicles = simVehicles(this.ctx.config, this.ctx.baseDir);
    const topics = new Topics(this.ctx.config.mqtt.topicPrefix);
    for (const v of this.vehicles) {
      this.login.credentials(v.o.id);
      this.clients.set(
        v.o.id,
        await connectVehicle(
          this.login.url(),
          v.o.id,
          topics,
          { credentials: (id) => this.login.credentials(id) },
          'sim',
        ),
      );
    }
    const now = this.ctx.clock.now();
    for (const v of this.vehicles) this.cursor.set(v.o.id, backfillFrom(now, sim.backfillMinutes, v.o.timezone));
    this.timer = setInterval(() => void this.tick(), 1000);
    void this.tick();
  }

  /** Publish every vehicle's fixes dated from the cursor up to now. */
  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    const topics = new Topics(this.ctx.config.mqtt.topicPrefix);
    const now = this.ctx.clock.now();
    const backlog = this.ticks++ === 0;
    try {
      await Promise.all(
        this.vehicles.map(async (v) => {
          const c = this.clients.get(v.o.id)!;
          const due = v.fixesBetween(this.cursor.get(v.o.id)!, now + 1);
          // in order on one connection, at most 200 unacknowledged
          for (let i = 0; i < due.length && !this.stopped; i += 200) {
            await Promise.all(
              due.slice(i, i + 200).map((f) => {
                const payload = { ts: f.ts, lat: f.lat, lon: f.lon, speed_kmh: f.speedKmh, heading: f.heading };
                const body = JSON.stringify({ ...payload, work: f.work });
                return c.publishAsync(topics.position(v.o.id), body, { qos: 1 }).then(() => {
                  this.counts.published++;
                  if (backlog) this.counts.backfilled++;
                });
              }),
            );
          }
          this.cursor.set(v.o.id, now + 1);
        }),
      );
    } catch (err) {
      this.lastError = errorMessage(err);
      this.ctx.log.warn({ err }, 'simulated fleet: publishing failed; trying again in 1 s');
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
    await Promise.all([...this.clients.values()].map((c) => c.endAsync()));
  }

  health(): ComponentHealth {
    return {
      state: this.lastError && this.counts.published === 0 ? 'degraded' : 'ok',
      detail: `simulating ${this.vehicles.length} vehicle(s) on the road network (模拟)`,
      stats: {
        ...this.counts,
        caughtUp: this.ticks > 1 || (this.ticks === 1 && !this.busy),
        vehicles: this.vehicles.length,
        ...(this.lastError ? { lastError: this.lastError } : {}),
      },
    };
  }
}
