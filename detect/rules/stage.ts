/**
 * The scene-rules stage of the camera pipeline: every analysed frame (with its detections and tracks) goes through
 * the rules of its camera's zones, in order per camera. Hit changes get their evidence and go on the bus as `hit`
 * events (start / update / end). A failing rule or evidence write is logged and skipped for that frame.
 */
import type { EventBus } from '../../kernel/bus.ts';
import { errorMessage, InputError } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Detection, Evidence, Hit, SuppressionMask } from '../../kernel/types/index.ts';
import type { SceneInput, SceneStage } from '../camera-stages.ts';
import type { HitEvidenceRecorder } from '../evidence/capture.ts';
import { greyDownscale, type GreyImage } from './grey.ts';
import type { HitChange } from './observation.ts';
import { createRunner, type FrameContext, type RuleTuning, type ZoneRunner } from './runner.ts';
import type { Zone } from './zones.ts';

export interface SceneRulesOptions {
  readonly bus: EventBus;
  readonly log: Logger;
  readonly recorder?: HitEvidenceRecorder;
  readonly tuning?: RuleTuning;
  /** Width of the grey frame the background models run on. */
  readonly greyWidth?: number;
  /** A better frame replaces a hit's evidence at most this often. */
  readonly captureEveryMs?: number;
  /** Hits (ongoing and ended) remembered for re-checks. */
  readonly remember?: number;
}

type Waiter = (ctx: FrameContext) => void;

const THRESHOLDS = ['minScore', 'minArea', 'dwellMs', 'clearMs', 'recheck'] as const;

/** The same zone but for its thresholds? */
function sameShape(a: Zone, b: Zone): boolean {
  const strip = (z: Zone): Partial<Zone> => {
    const o: Partial<Zone> = { ...z };
    for (const k of THRESHOLDS) delete o[k];
    return o;
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export class SceneRules implements SceneStage {
  readonly name = 'scene-rules';
  private readonly runners = new Map<string, ZoneRunner[]>();
  private readonly best = new Map<string, { evidence: Evidence[]; at: number }>();
  private readonly recent = new Map<string, Hit>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly tasks = new Set<Promise<void>>();
  /** Each camera's latest detector output: frames the motion gate let skip the detector show the same scene. */
  private readonly lastDetections = new Map<string, readonly Detection[]>();
  private readonly masks = new Map<string, readonly SuppressionMask[]>();

  constructor(
    zones: readonly Zone[],
    private readonly opts: SceneRulesOptions,
  ) {
    this.setZones(zones);
  }

  /**
   * Replace the zones; a zone whose definition is unchanged keeps its state (background model, ongoing hits), and so
   * does one whose thresholds alone changed (score, size, dwell, clear, re-check): they apply from the next frame.
   */
  setZones(zones: readonly Zone[]): void {
    const old = new Map([...this.runners.values()].flat().map((r) => [r.zone.id, r]));
    this.runners.clear();
    for (const zone of zones) {
      const prev = old.get(zone.id);
      let runner = prev && sameShape(prev.zone, zone) ? prev : undefined;
      if (runner && JSON.stringify(runner.zone) !== JSON.stringify(zone)) runner.retune(zone);
      if (!runner) {
        runner = createRunner(zone, this.opts.tuning);
        runner.setMasks((this.masks.get(zone.cameraId) ?? []).filter((m) => m.zoneId === zone.id));
      }
      this.runners.set(zone.cameraId, [...(this.runners.get(zone.cameraId) ?? []), runner]);
    }
  }

  /** The camera's false-alarm masks in force (from the verdicts); each zone's runner gets its own. */
  setMasks(cameraId: string, masks: readonly SuppressionMask[]): void {
    this.masks.set(cameraId, masks);
    for (const r of this.runners.get(cameraId) ?? []) r.setMasks(masks.filter((m) => m.zoneId === r.zone.id));
  }

  zones(): Zone[] {
    return [...this.runners.values()].flat().map((r) => r.zone);
  }

  runner(zoneId: string): ZoneRunner | undefined {
    return [...this.runners.values()].flat().find((r) => r.zone.id === zoneId);
  }

  async observe(input: SceneInput): Promise<void> {
    const { frame } = input;
    const want = frame.width * frame.height * 3;
    if (!(frame.width > 0 && frame.height > 0) || frame.data.length !== want) {
      throw new InputError(
        `frame ${frame.cameraId}#${frame.seq}: ${frame.data.length} bytes of pixels for ` +
          `${frame.width}×${frame.height} ` +
          `RGB24 (expected ${want})`,
      );
    }
    const list = this.runners.get(frame.cameraId) ?? [];
    if (input.detected) this.lastDetections.set(frame.cameraId, input.detections);
    const detections = input.detected ? input.detections : (this.lastDetections.get(frame.cameraId) ?? []);
    let grey: GreyImage | undefined;
    const ctx: FrameContext = {
      frame,
      detections,
      tracks: input.tracks,
      now: input.now,
      grey: () => (grey ??= greyDownscale(frame, this.opts.greyWidth)),
    };
    for (const runner of list) {
      let changes: readonly HitChange[];
      try {
        changes = runner.step(ctx);
      } catch (err) {
        this.opts.log.error(
          { err, zone: runner.zone.id, camera: frame.cameraId },
          'scene rule failed; frame skipped for this zone',
        );
        continue;
      }
      for (const change of changes) await this.publish(change, runner.zone, ctx);
    }
    for (const w of this.waiters.get(frame.cameraId) ?? []) w(ctx);
  }

  private async publish(change: HitChange, zone: Zone, ctx: FrameContext): Promise<void> {
    const { recorder, log, bus } = this.opts;
    const id = change.hit.id;
    let best = this.best.get(id) ?? { evidence: [], at: -Infinity };
    const due = change.phase === 'start' || (change.best && ctx.now - best.at >= (this.opts.captureEveryMs ?? 30_000));
    if (recorder && due) {
      try {
        best = { evidence: await recorder.frameEvidence(ctx.frame, zone.polygon, zone.name, change.hit), at: ctx.now };
      } catch (err) {
        log.warn({ err: errorMessage(err), hit: id }, 'hit evidence could not be written; hit published without it');
      }
    }
    const clip = this.recent.get(id)?.evidence.filter((e) => e.kind === 'clip') ?? [];
    const hit: Hit = { ...change.hit, evidence: [...best.evidence, ...clip] };
    if (change.phase === 'end') this.best.delete(id);
    else this.best.set(id, best);
    this.remember(hit);
    bus.emit('hit', { phase: change.phase, hit });
    if (change.phase === 'start' && recorder?.clipsAvailable) this.track(this.attachClip(id, recorder));
  }

  private async attachClip(id: string, recorder: HitEvidenceRecorder): Promise<void> {
    const hit = this.recent.get(id);
    if (!hit) return;
    try {
      const clip = await recorder.clipEvidence(hit);
      const latest = this.recent.get(id) ?? hit;
      if (!clip) return;
      const updated: Hit = { ...latest, evidence: [...latest.evidence.filter((e) => e.kind !== 'clip'), clip] };
      this.remember(updated);
      this.opts.bus.emit('hit', { phase: 'update', hit: updated });
    } catch (err) {
      this.opts.log.warn({ err: errorMessage(err), hit: id, camera: hit.cameraId }, 'no clip for hit');
    }
  }

  private track(p: Promise<void>): void {
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  /** Resolves when background evidence work (clips) has finished. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private remember(hit: Hit): void {
    this.recent.delete(hit.id);
    this.recent.set(hit.id, hit);
    const cap = this.opts.remember ?? 500;
    for (const key of this.recent.keys()) {
      if (this.recent.size <= cap) break;
      this.recent.delete(key);
    }
  }

  /** A hit by id (ongoing or recently ended), with its evidence. */
  hit(id: string): Hit | undefined {
    return this.recent.get(id);
  }

  activeHits(): Hit[] {
    return [...this.runners.values()].flat().flatMap((r) => r.activeHits().map((h) => this.recent.get(h.id) ?? h));
  }

  /**
   * The camera's next analysed frames: at least `minFrames` spanning at least `minMs`. Rejects after `timeoutMs` with
   * none; resolves with what arrived if some did.
   */
  nextFrames(
    cameraId: string,
    minFrames: number,
    minMs: number,
    timeoutMs: number,
    accept: (ctx: FrameContext) => boolean = () => true,
  ): Promise<FrameContext[]> {
    return new Promise((resolve, reject) => {
      const got: FrameContext[] = [];
      const set = this.waiters.get(cameraId) ?? new Set<Waiter>();
      this.waiters.set(cameraId, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(waiter);
        if (got.length > 0) resolve(got);
        else reject(new Error(`camera "${cameraId}" delivered no frame within ${Math.round(timeoutMs / 1000)} s`));
      };
      const waiter: Waiter = (ctx) => {
        if (!accept(ctx)) return;
        got.push(ctx);
        if (got.length >= minFrames && ctx.now - got[0]!.now >= minMs) done();
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(waiter);
    });
  }
}
