/**
 * The demo fleet (mqtt.replay): replays recorded traces through the broker as live vehicles, times shifted to now,
 * looping. Each vehicle logs in with its configured password (with the embedded broker, gridwatch's internal
 * credential stands in for vehicles without one), so the demo exercises the same path real vehicles take.
 */
import path from 'node:path';
import type { Component } from '../../kernel/component.ts';
import type { AppContext } from '../../kernel/context.ts';
import { InputError, errorMessage } from '../../kernel/errors.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import type { EmbeddedBroker } from '../broker.ts';
import { FleetLogin } from '../fleet-login.ts';
import { readTrace, type Trace } from '../trace/index.ts';
import { planReplay } from './plan.ts';
import { publishReplay } from './publisher.ts';

export class DemoFleet implements Component {
  readonly name = 'demo-fleet';
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  private counts = { rounds: 0, published: 0 };
  private lastError?: string;
  private readonly login: FleetLogin;

  constructor(
    private readonly ctx: AppContext,
    broker?: EmbeddedBroker,
  ) {
    this.login = new FleetLogin(ctx, 'mqtt.replay', broker);
  }

  async start(): Promise<void> {
    const r = this.ctx.config.mqtt.replay;
    if (!r) return;
    const known = new Set(this.ctx.config.vehicles.map((v) => v.id));
    for (const file of r.traces) {
      const abs = path.resolve(this.ctx.baseDir, file);
      const trace = readTrace(abs, r.tz ? { tz: r.tz } : {});
      const ids = new Set(planReplay(trace, file, { vehicle: r.vehicle, speedup: r.speedup }).map((f) => f.vehicleId));
      for (const id of ids) {
        if (!known.has(id))
          throw new InputError(`mqtt.replay: trace ${file} has vehicle "${id}", which is not in vehicles`);
        this.login.credentials(id);
      }
      this.loops.push(this.loop(file, trace));
    }
  }

  private async loop(file: string, trace: Trace): Promise<void> {
    const r = this.ctx.config.mqtt.replay!;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const plan = planReplay(trace, file, {
          vehicle: r.vehicle,
          speedup: r.speedup,
          shiftTo: this.ctx.clock.now(),
          work: r.work,
        });
        const res = await publishReplay(plan, {
          url: this.login.url(),
          topicPrefix: this.ctx.config.mqtt.topicPrefix,
          credentials: (id) => this.login.credentials(id),
          onProgress: () => this.counts.published++,
          signal,
        });
        this.counts.rounds++;
        this.ctx.log.info({ trace: file, ...res }, 'demo fleet finished a round');
        if (!r.loop) return;
      } catch (err) {
        this.lastError = errorMessage(err);
        this.ctx.log.warn({ err, trace: file }, 'demo fleet replay failed; retrying in 5 s');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 5000);
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  health(): ComponentHealth {
    return {
      state: this.lastError && this.counts.published === 0 ? 'degraded' : 'ok',
      detail: `replaying ${this.ctx.config.mqtt.replay?.traces.length ?? 0} trace(s) as live vehicles`,
      stats: { ...this.counts, ...(this.lastError ? { lastError: this.lastError } : {}) },
    };
  }
}
