/**
 * Video nodes run no cases module, so nobody there publishes the false-alarm masks: `MaskFeed` reads the masks in
 * force from the shared database for the cameras this node analyses and publishes them on the node's own bus
 * (`suppressions.changed`, which the scene rules subscribe to) — when a camera is acquired (`refresh`, before its
 * first frame) and then every `pollMs` when they changed (a 误报 judged on a core, a mask lifted or run out).
 */
import type { EventBus } from '../../kernel/bus.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Component } from '../../kernel/component.ts';
import { dbOf, type DbSource } from '../../kernel/cluster/db-source.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import { VerdictRepo } from './repo.ts';

export interface MaskFeedOptions {
  /** The shared database (or how to get it once open). */
  readonly db: DbSource;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Logger;
  /** The cameras this node analyses now (the lease keeper's). */
  readonly cameras: () => readonly string[];
  readonly pollMs?: number;
}

export class MaskFeed implements Component {
  readonly name = 'mask-feed';
  private readonly sent = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private lastError?: string;

  constructor(private readonly opts: MaskFeedOptions) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => this.poll(), this.opts.pollMs ?? 10_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  health(): ComponentHealth {
    const detail = `masks of ${this.sent.size} cameras`;
    return this.lastError ? { state: 'degraded', detail: `${detail}; ${this.lastError}` } : { state: 'ok', detail };
  }

  /** Publish the camera's masks in force now (always: the camera's rules are new on this node). */
  refresh(cameraId: string): void {
    this.sent.delete(cameraId);
    this.publish(cameraId);
  }

  /** Publish the masks of every camera held whose masks changed since they were last published. */
  poll(): void {
    const held = new Set(this.opts.cameras());
    for (const id of [...this.sent.keys()]) if (!held.has(id)) this.sent.delete(id);
    for (const id of held) this.publish(id);
  }

  private publish(cameraId: string): void {
    try {
      const masks = new VerdictRepo(dbOf(this.opts.db)).masks({ cameraId, activeAt: this.opts.clock.now() });
      const key = JSON.stringify(masks);
      this.lastError = undefined;
      if (this.sent.get(cameraId) === key) return;
      this.sent.set(cameraId, key);
      this.opts.bus.emit('suppressions.changed', { cameraId, masks });
    } catch (err) {
      this.lastError = errorMessage(err);
      this.opts.log.warn({ camera: cameraId, err: this.lastError }, 'false-alarm masks not read; kept as they were');
    }
  }
}
