/**
 * Detector pool: N worker threads (each with its own onnxruntime session), one FIFO of jobs across cameras.
 * The least busy worker takes the oldest job plus, when the model accepts batches, further waiting jobs of the same
 * model and canvas size (frames of other cameras) up to maxBatch. Each worker gets its next job while it still runs
 * the current one (its `depth`), so it never waits for the main thread between frames. A worker that dies fails its
 * jobs and is restarted.
 */
import type { Logger } from '../kernel/log.ts';
import type { Frame } from '../kernel/types/index.ts';
import type { FrameDetections } from './detector.ts';
import { placement } from './letterbox.ts';
import type { LoadedModel } from './model.ts';
import type { DetectWorker, WorkerFactory } from './thread-worker.ts';
import { errorMessage } from '../kernel/errors.ts';

interface Job {
  readonly model: string;
  readonly key: string;
  readonly frame: Frame;
  resolve(r: FrameDetections): void;
  reject(e: Error): void;
}

export interface PoolOptions {
  readonly models: ReadonlyMap<string, LoadedModel>;
  readonly workers: number;
  readonly factory: WorkerFactory;
  readonly log?: Logger;
  /** Delay before a dead worker is replaced. */
  readonly restartDelayMs?: number;
}

export interface PoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  readonly batches: number;
  readonly frames: number;
  readonly failed: number;
  readonly restarts: number;
}

export class DetectorPool {
  /** Live workers and how many requests each has in flight. */
  private readonly live = new Map<DetectWorker, number>();
  private readonly queue: Job[] = [];
  private stopped = false;
  private counts = { batches: 0, frames: 0, failed: 0, restarts: 0 };

  constructor(private readonly opts: PoolOptions) {}

  /** Start every worker; rejects (and stops those started) if one cannot load its models. */
  async start(): Promise<void> {
    const started = await Promise.allSettled(
      Array.from({ length: this.opts.workers }, (_, i) => this.opts.factory(i + 1)),
    );
    for (const r of started) if (r.status === 'fulfilled') this.adopt(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.stop();
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    }
  }

  /** Detect on one frame with `model`; resolves when a worker has run it. */
  detect(model: string, frame: Frame): Promise<FrameDetections> {
    const m = this.opts.models.get(model);
    if (!m)
      return Promise.reject(
        new Error(`model "${model}" is not loaded (loaded: ${[...this.opts.models.keys()].join(', ')})`),
      );
    if (this.stopped) return Promise.reject(new Error('detector pool is stopped'));
    const p = placement(frame.width, frame.height, m.manifest.input);
    const key = `${model}@${p.canvasWidth}x${p.canvasHeight}`;
    return new Promise((resolve, reject) => {
      this.queue.push({ model, key, frame, resolve, reject });
      this.dispatch();
    });
  }

  stats(): PoolStats {
    const busy = [...this.live.values()].filter((n) => n > 0).length;
    return { workers: this.live.size, busy, queued: this.queue.length, ...this.counts };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('detector pool stopped'));
    const all = [...this.live.keys()];
    this.live.clear();
    await Promise.allSettled(all.map((w) => w.close()));
  }

  private adopt(w: DetectWorker): void {
    if (this.stopped) {
      void w.close();
      return;
    }
    this.live.set(w, 0);
    w.onExit((err) => this.lost(w, err));
    this.dispatch();
  }

  private lost(w: DetectWorker, err: Error): void {
    if (!this.live.delete(w) || this.stopped) return;
    this.opts.log?.error({ err: err.message, worker: w.id }, 'detector worker died; restarting it');
    this.counts.restarts++;
    setTimeout(() => {
      if (this.stopped) return;
      this.opts.factory(w.id).then(
        (nw) => this.adopt(nw),
        (e: unknown) =>
          this.opts.log?.error({ err: errorMessage(e), worker: w.id }, 'detector worker failed to restart'),
      );
    }, this.opts.restartDelayMs ?? 1000).unref();
  }

  /** The live worker with the fewest requests in flight, if it can take one more. */
  private leastBusy(): DetectWorker | undefined {
    let best: DetectWorker | undefined;
    let load = Infinity;
    for (const [w, n] of this.live) if (n < w.depth && n < load) [best, load] = [w, n];
    return best;
  }

  private dispatch(): void {
    for (let worker = this.leastBusy(); worker && this.queue.length > 0; worker = this.leastBusy()) {
      const first = this.queue.shift();
      if (!first) return;
      const batch = [first];
      const max = this.opts.models.get(first.model)?.manifest.input.maxBatch ?? 1;
      for (let i = 0; i < this.queue.length && batch.length < max; ) {
        const j = this.queue[i];
        if (j && j.key === first.key) batch.push(...this.queue.splice(i, 1));
        else i++;
      }
      this.live.set(worker, (this.live.get(worker) ?? 0) + 1);
      void this.run(worker, batch);
    }
  }

  private async run(worker: DetectWorker, batch: readonly Job[]): Promise<void> {
    this.counts.batches++;
    this.counts.frames += batch.length;
    try {
      const results = await worker.run(
        batch[0]?.model ?? '',
        batch.map((j) => j.frame),
      );
      batch.forEach((j, i) => {
        const r = results[i];
        if (r) j.resolve(r);
        else j.reject(new Error(`worker ${worker.id} returned ${results.length} results for ${batch.length} frames`));
      });
    } catch (err) {
      this.counts.failed += batch.length;
      for (const j of batch) j.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const n = this.live.get(worker);
    if (n !== undefined) {
      this.live.set(worker, n - 1);
      this.dispatch();
    }
  }
}
