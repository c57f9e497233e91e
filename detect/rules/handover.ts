/**
 * Video nodes: a camera's rule state kept in the shared database (kernel/cluster/camera-state.ts) so that when the
 * camera moves to another node — its node died, or gave it up — the next node goes on with the same spots, ongoing
 * hits and repeat counts: a problem already reported stays the same hit (an `update`, so the same case), and a spot on
 * its way to a hit keeps its dwell. Saved after a frame with a hit change, else at most every `everyMs` (frame time),
 * fenced by the node's lease generation; read when the node acquires the camera. The rules stay pure: the state is
 * taken from and handed to the zone runners (`hitState`, `takeOver`).
 */
import type { CameraStateStore } from '../../kernel/cluster/camera-state.ts';
import type { Clock } from '../../kernel/clock.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import { LogThrottle } from '../../kernel/log-throttle.ts';
import type { RulesStage } from '../camera-stages.ts';
import { handoverJson, parseHandover, resumeHitState } from './handover-state.ts';
import type { SceneRules } from './stage.ts';

export interface RuleHandoverOptions {
  readonly store: CameraStateStore;
  readonly nodeId: string;
  /** The generation of this node's lease of the camera; undefined when it does not hold it (nothing is saved). */
  readonly generationOf: (cameraId: string) => number | undefined;
  readonly clock: Clock;
  readonly log: Logger;
  /** Save at least this often while the camera runs (default 10 s). */
  readonly everyMs?: number;
  /** Ongoing hits and spots carry on only after a gap up to this long (default 5 min). */
  readonly maxGapMs?: number;
}

export class RuleHandover {
  private readonly lastSaved = new Map<string, number>();
  saves = 0;
  /** A database that is down fails every camera's saves: at most 12 lines a minute of it. */
  private readonly failed: LogThrottle;

  constructor(
    private readonly rules: SceneRules,
    private readonly opts: RuleHandoverOptions,
  ) {
    this.failed = new LogThrottle(opts.log, 12, () => opts.clock.now());
  }

  /** Stage 4 with the state saved after each step (for the detect pipeline, in place of the bare rules). */
  stage(): RulesStage {
    return {
      step: (scene) => {
        const findings = this.rules.step(scene);
        this.afterStep(scene.frame.cameraId, findings.changes.length > 0, scene.now);
        return findings;
      },
    };
  }

  /** The node took the camera's lease: its zones start from the stored state (or afresh when there is none). */
  acquire(cameraId: string, generation: number): void {
    const runners = this.rules.resetCamera(cameraId);
    this.lastSaved.delete(cameraId);
    const { store, clock, log } = this.opts;
    try {
      const saved = store.load(cameraId);
      if (!saved) return;
      const zones = parseHandover(saved.state);
      const gapMs = clock.now() - saved.savedAt;
      let hits = 0;
      for (const r of runners) {
        const s = zones[r.zone.id];
        if (!s) continue;
        r.takeOver(resumeHitState(s, gapMs, this.opts.maxGapMs ?? 300_000));
        hits += s.active.length;
      }
      log.info({ camera: cameraId, generation, from: saved.nodeId, gapMs, hits }, 'camera rule state taken over');
    } catch (err) {
      log.warn(
        { camera: cameraId, err: errorMessage(err) },
        'camera rule state not taken over; the camera starts afresh',
      );
    }
  }

  /** The node stopped the camera: a lease given up saves the last state first; the camera's state is dropped. */
  release(cameraId: string, why: 'taken' | 'expired' | 'released', generation: number): void {
    if (why === 'released') this.save(cameraId, generation);
    this.rules.resetCamera(cameraId);
    this.lastSaved.delete(cameraId);
  }

  private afterStep(cameraId: string, changed: boolean, now: number): void {
    const generation = this.opts.generationOf(cameraId);
    if (generation === undefined) return;
    const last = this.lastSaved.get(cameraId);
    if (!changed && last !== undefined && now - last < (this.opts.everyMs ?? 10_000)) return;
    this.lastSaved.set(cameraId, now);
    this.save(cameraId, generation);
  }

  private save(cameraId: string, generation: number): void {
    const zones = Object.fromEntries(this.rules.cameraRunners(cameraId).map((r) => [r.zone.id, r.hitState()]));
    try {
      const { store, nodeId, clock } = this.opts;
      if (store.save(cameraId, nodeId, generation, clock.now(), handoverJson(zones))) this.saves++;
      else this.failed.warn({ camera: cameraId, generation }, 'rule state not saved: a newer lease holder wrote it');
    } catch (err) {
      this.failed.warn({ camera: cameraId, err: errorMessage(err) }, 'rule state not saved; tried again later');
    }
  }
}
