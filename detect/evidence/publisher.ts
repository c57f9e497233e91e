/**
 * Stage 6 of the camera pipeline, the hand-off: the scene rules' findings leave the frame loop here. Per camera, in
 * order, behind a queue: a hit's frame evidence is written (annotated + clean JPEG, at its start and at most every
 * `captureEveryMs` on a better frame), the hit goes on the bus as a `hit` event (start / update / end), and a clip is
 * cut and attached in the background after its start (a second `update`). The last `remember` hits (ongoing and
 * ended, with their evidence) are kept for re-checks. Whether a frame is kept for evidence is decided when the
 * findings are pushed, so the queue holds only the frames it will write.
 */
import type { EventBus } from '../../kernel/bus.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Evidence, Frame, Hit } from '../../kernel/types/index.ts';
import type { Findings, FindingsSink } from '../camera-stages.ts';
import type { HitChange } from '../rules/observation.ts';
import type { Zone } from '../rules/zones.ts';
import type { HitEvidenceRecorder } from './capture.ts';

export interface HitPublisherOptions {
  readonly bus: EventBus;
  readonly log: Logger;
  readonly recorder?: HitEvidenceRecorder;
  /** A better frame replaces a hit's evidence at most this often (default 30 s). */
  readonly captureEveryMs?: number;
  /** Hits (ongoing and ended) remembered for re-checks (default 500). */
  readonly remember?: number;
}

/** One hit change waiting in the queue; `frame` only when its evidence is to be written. */
interface Job {
  readonly zone: Zone;
  readonly change: HitChange;
  readonly now: number;
  readonly frame?: Frame;
  /** When the hit's evidence frame was taken before this job (restored if this write fails). */
  readonly before: number;
}

export class HitPublisher implements FindingsSink {
  /** Hit id → frame time of its latest evidence frame (set when the write is queued). */
  private readonly captured = new Map<string, number>();
  /** Hit id → its frame evidence (the best frame so far). */
  private readonly frameEvidence = new Map<string, readonly Evidence[]>();
  private readonly recent = new Map<string, Hit>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly tasks = new Set<Promise<void>>();
  private waiting = 0;

  constructor(private readonly opts: HitPublisherOptions) {}

  push(findings: Findings): void {
    if (findings.changes.length === 0) return;
    const every = this.opts.captureEveryMs ?? 30_000;
    const jobs = findings.changes.map(({ zone, change }): Job => {
      const id = change.hit.id;
      const before = this.captured.get(id) ?? -Infinity;
      const due =
        this.opts.recorder !== undefined &&
        (change.phase === 'start' || (change.best && findings.now - before >= every));
      if (due) this.captured.set(id, findings.now);
      if (change.phase === 'end') this.captured.delete(id);
      return { zone, change, now: findings.now, before, ...(due ? { frame: findings.frame } : {}) };
    });
    const camera = findings.frame.cameraId;
    this.waiting += jobs.length;
    const tail = (this.queues.get(camera) ?? Promise.resolve()).then(() => this.publishAll(jobs));
    this.queues.set(camera, tail);
    this.track(tail);
    void tail.finally(() => {
      if (this.queues.get(camera) === tail) this.queues.delete(camera);
    });
  }

  /** Hit changes queued and not yet published. */
  queued(): number {
    return this.waiting;
  }

  /** A hit by id (ongoing or recently ended), with its evidence. */
  hit(id: string): Hit | undefined {
    return this.recent.get(id);
  }

  /** Resolves when everything queued so far is on the bus (clips may still be cut). */
  async published(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** Resolves when everything queued is published and background evidence work (clips) has finished. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private async publishAll(jobs: readonly Job[]): Promise<void> {
    for (const job of jobs) {
      try {
        await this.publish(job);
      } catch (err) {
        this.opts.log.error({ err, hit: job.change.hit.id }, 'hit could not be published');
      } finally {
        this.waiting--;
      }
    }
  }

  private async publish(job: Job): Promise<void> {
    const { recorder, log, bus } = this.opts;
    const { change, zone } = job;
    const id = change.hit.id;
    if (recorder && job.frame) {
      try {
        this.frameEvidence.set(id, await recorder.frameEvidence(job.frame, zone.polygon, zone.name, change.hit));
      } catch (err) {
        if (this.captured.get(id) === job.now) this.captured.set(id, job.before);
        log.warn({ err: errorMessage(err), hit: id }, 'hit evidence could not be written; hit published without it');
      }
    }
    const clip = this.recent.get(id)?.evidence.filter((e) => e.kind === 'clip') ?? [];
    const hit: Hit = { ...change.hit, evidence: [...(this.frameEvidence.get(id) ?? []), ...clip] };
    if (change.phase === 'end') this.frameEvidence.delete(id);
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

  private remember(hit: Hit): void {
    this.recent.delete(hit.id);
    this.recent.set(hit.id, hit);
    const cap = this.opts.remember ?? 500;
    for (const key of this.recent.keys()) {
      if (this.recent.size <= cap) break;
      this.recent.delete(key);
    }
  }
}
