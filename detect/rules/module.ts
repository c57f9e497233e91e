/**
 * `rules` component: stages 4–6 of every camera pipeline (handed to the detect pipeline in app.ts as `stages`) —
 * the scene rules, the re-check frame tap, the evidence hand-off — the evidence store and recorder behind them, and
 * the camera re-check the case workflow is given for 核查.
 */
import { mkdirSync } from 'node:fs';
import { createGridLocator, type GridLocator } from '../../kernel/grid.ts';
import { effectiveZones, readZoneOverrides } from './saved-zones.ts';
import { importZonesFile } from './zone-import.ts';
import type { DbSource } from '../../kernel/cluster/db-source.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { BusConsumer, Topic } from '../../kernel/bus.ts';
import type { Component } from '../../kernel/component.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { ComponentHealth } from '../../kernel/types/index.ts';
import type { SceneStages } from '../camera-stages.ts';
import { HitEvidenceRecorder, type ClipSource } from '../evidence/capture.ts';
import { HitPublisher } from '../evidence/publisher.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { RecheckFrames } from './recheck-frames.ts';
import { SceneRechecker } from './recheck.ts';
import type { RuleTuning } from './runner.ts';
import { SceneRules } from './stage.ts';
import { RuleHandover, type RuleHandoverOptions } from './handover.ts';
import { resolveZones } from './zones.ts';

export interface RulesModuleOptions {
  /** Where evidence clips come from (the CameraManager), looked up when a hit needs one. */
  readonly clips?: () => ClipSource | undefined;
  readonly tuning?: RuleTuning;
  /** Video nodes: rule state kept in the shared database, so a camera moving to another node goes on (handover.ts). */
  readonly handover?: Omit<RuleHandoverOptions, 'clock' | 'log'>;
  /**
   * Where the dashboard's saved zone edits are (the main database): applied at start, after a pilot's former
   * DATA/zones.json is imported (zone-import.ts). Video nodes leave it out: their zone feed publishes the edits.
   */
  readonly savedZones?: DbSource;
}

export class RulesModule implements Component, BusConsumer {
  readonly name = 'rules';
  readonly store: EvidenceStore;
  readonly recorder: HitEvidenceRecorder;
  /** Stage 4: the zones' rules. */
  readonly rules: SceneRules;
  /** Stage 5: the frames re-checks wait for. */
  readonly frames = new RecheckFrames();
  /** Stage 6: evidence and the bus, behind a queue. */
  readonly hits: HitPublisher;
  /** Stages 4–6, for the detect pipeline. */
  readonly stages: SceneStages;
  readonly rechecker: SceneRechecker;
  /** Video nodes: the rule state handed over between nodes (acquire / release per camera lease). */
  readonly handover?: RuleHandover;
  /** Bus topics this component subscribes to. */
  readonly subscribes: readonly Topic[] = ['suppressions.changed', 'zones.changed'];
  private readonly cellOf: GridLocator;
  private readonly savedZones?: DbSource;
  private off: (() => void)[] = [];

  constructor(
    private readonly ctx: AppContext,
    opts: RulesModuleOptions = {},
  ) {
    const { config, log, bus, clock } = ctx;
    this.store = EvidenceStore.inDataDir(ctx.dataDir);
    const getClips = opts.clips;
    const clips: ClipSource | undefined = getClips && {
      clip: (cameraId, fromMs, toMs) => {
        const source = getClips();
        return source ? source.clip(cameraId, fromMs, toMs) : Promise.reject(new Error('no camera manager is running'));
      },
      still: (cameraId, ts) => getClips()?.still?.(cameraId, ts) ?? Promise.resolve(undefined),
    };
    const categoryName = (code: string): string | undefined =>
      config.cases.categories.find((c) => c.code === code)?.name;
    this.recorder = new HitEvidenceRecorder(this.store, {
      clips,
      timezone: config.cases.calendar.timezone,
      categoryName,
    });
    this.cellOf = createGridLocator(config.grid);
    this.rules = new SceneRules(resolveZones(config, this.cellOf, config.zones), {
      log,
      tuning: opts.tuning,
    });
    this.savedZones = opts.savedZones;
    this.hits = new HitPublisher({ bus, log, recorder: this.recorder });
    this.handover = opts.handover && new RuleHandover(this.rules, { ...opts.handover, clock, log });
    this.stages = { rules: this.handover?.stage() ?? this.rules, taps: [this.frames], findings: this.hits };
    this.rechecker = new SceneRechecker(this, {
      clock,
      recorder: this.recorder,
      windowMs: config.cases.recheck.windowSeconds * 1000,
      minFrames: config.cases.recheck.minFrames,
    });
    // false-alarm masks from the verdicts: findings under them are kept as suppressed hits. Subscribed here, not in
    // start(): the cases module (started first) publishes the masks in force when it starts.
    this.off.push(bus.on('suppressions.changed', (e) => this.rules.setMasks(e.cameraId, e.masks)));
  }

  /** The config's zones with the dashboard's saved edits applied; unreadable edits are logged (configured kept). */
  private applySavedZones(db: DbSource): void {
    const { config, dataDir, log, clock } = this.ctx;
    try {
      importZonesFile(db, dataDir, log, clock.now());
      this.rules.setZones(resolveZones(config, this.cellOf, effectiveZones(config.zones, readZoneOverrides(db))));
    } catch (err) {
      log.error({ err: errorMessage(err) }, 'saved zone edits unreadable; using the configured zones');
    }
  }

  async start(): Promise<void> {
    mkdirSync(this.store.dir, { recursive: true });
    if (this.savedZones) this.applySavedZones(this.savedZones);
    // zones edited in the dashboard apply live; zones left unchanged keep their state (background model, ongoing hits)
    this.off.push(
      this.ctx.bus.on('zones.changed', (e) => {
        const others = this.rules.zones().filter((z) => z.cameraId !== e.cameraId);
        this.rules.setZones([...others, ...resolveZones(this.ctx.config, this.cellOf, e.zones)]);
        this.ctx.log.info({ camera: e.cameraId, zones: e.zones.map((z) => z.id), by: e.by }, 'zones changed');
      }),
    );
  }

  /** Resolves when queued hits are published and evidence clips are cut. */
  idle(): Promise<void> {
    return this.hits.idle();
  }

  /** Waits (at most 5 s) for queued hits and evidence clips still being cut. */
  async stop(): Promise<void> {
    for (const f of this.off) f();
    this.off = [];
    await Promise.race([this.hits.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  health(): ComponentHealth {
    const zones = this.rules.zones();
    const active = this.rules.activeHits();
    const stats = {
      zones: zones.length,
      ongoingHits: active.length,
      queuedHits: this.hits.queued(),
      vendingZones: zones.filter((z) => z.rule === 'vending').length,
      litterZones: zones.filter((z) => z.rule === 'litter').length,
    };
    return { state: 'ok', detail: `${zones.length} zones, ${active.length} ongoing hits`, stats };
  }
}
