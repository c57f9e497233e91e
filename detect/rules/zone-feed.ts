/**
 * Video nodes run no dashboard, so nobody there saves zone edits: `ZoneFeed` follows the `camera_zones` table of the
 * shared database and publishes each camera's saved zones on the node's own bus (`zones.changed`, which the scene
 * rules subscribe to) — every saved camera when it starts (after the rules module), then, every `pollMs`, each camera
 * whose version changed (an edit saved in a core's zone editor). A poll reads only camera ids and versions.
 */
import type { EventBus } from '../../kernel/bus.ts';
import type { Component } from '../../kernel/component.ts';
import type { DbSource } from '../../kernel/cluster/db-source.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import { ZoneTable } from './zone-table.ts';

export interface ZoneFeedOptions {
  /** The shared database (or how to get it once open). */
  readonly db: DbSource;
  readonly bus: EventBus;
  readonly log: Logger;
  /** How often the table's versions are read (default 5 s). */
  readonly pollMs?: number;
}

export class ZoneFeed implements Component {
  readonly name = 'zone-feed';
  private readonly table: ZoneTable;
  /** The version of each camera's zones last published. */
  private readonly sent = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private lastError?: string;

  constructor(private readonly opts: ZoneFeedOptions) {
    this.table = new ZoneTable(opts.db);
  }

  async start(): Promise<void> {
    this.poll();
    this.timer = setInterval(() => this.poll(), this.opts.pollMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  health(): ComponentHealth {
    const detail = `saved zones of ${this.sent.size} cameras`;
    return this.lastError ? { state: 'degraded', detail: `${detail}; ${this.lastError}` } : { state: 'ok', detail };
  }

  /** Publish the zones of every camera whose saved version is not the one last published. */
  poll(): void {
    let versions: Map<string, number>;
    try {
      versions = this.table.versions();
      this.lastError = undefined;
    } catch (err) {
      this.lastError = errorMessage(err);
      this.opts.log.warn({ err: this.lastError }, 'saved zones not read; the zones in force are kept');
      return;
    }
    for (const [cameraId, version] of versions) {
      if (this.sent.get(cameraId) === version) continue;
      this.sent.set(cameraId, version); // a damaged row is reported once per version, not every poll
      try {
        const saved = this.table.get(cameraId);
        if (saved) this.opts.bus.emit('zones.changed', { cameraId, zones: saved.zones, by: saved.updatedBy });
      } catch (err) {
        this.lastError = errorMessage(err);
        this.opts.log.error(
          { camera: cameraId, err: this.lastError },
          'saved zones unreadable; the zones in force are kept',
        );
      }
    }
  }
}
