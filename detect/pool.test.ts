import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { Frame } from '../kernel/types/index.ts';
import type { FrameDetections } from './detector.ts';
import { loadModel, type LoadedModel } from './model.ts';
import { DetectorPool } from './pool.ts';
import { modelCopy, modelsDir, solidFrame } from './testing.ts';
import { threadWorkerFactory, type DetectWorker, type WorkerFactory } from './thread-worker.ts';

/** In-process stand-in for a worker thread: records batches, answers when told. */
class FakeWorker implements DetectWorker {
  depth = 1;
  readonly batches: string[][] = [];
  private exit: ((e: Error) => void) | undefined;
  private release: (() => void)[] = [];
  private fail: ((e: Error) => void)[] = [];
  constructor(readonly id: number) {}
  run(_model: string, frames: readonly Frame[]): Promise<FrameDetections[]> {
    this.batches.push(frames.map((f) => `${f.cameraId}#${f.seq}`));
    return new Promise((resolve, reject) => {
      this.release.push(() =>
        resolve(frames.map(() => ({ detections: [], timing: { preMs: 0, inferMs: 1, postMs: 0 } }))),
      );
      this.fail.push(reject);
    });
  }
  finishAll(): void {
    for (const r of this.release.splice(0)) r();
  }
  /** Like a crashed thread: its pending runs reject, then the pool hears of the exit. */
  die(): void {
    const err = new Error(`worker ${this.id} crashed`);
    for (const f of this.fail.splice(0)) f(err);
    this.exit?.(err);
  }
  onExit(cb: (e: Error) => void): void {
    this.exit = cb;
  }
  async close(): Promise<void> {}
}

const batchModel = (maxBatch: number): LoadedModel =>
  loadModel(
    modelCopy((m) => Object.assign(m.input as object, { maxBatch, dynamic: { multiple: 32 } })),
    'yolox-nano',
  );

let pools: DetectorPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.stop()));
  pools = [];
});

function fakePool(workers: number, model: LoadedModel): { pool: DetectorPool; fakes: FakeWorker[] } {
  const fakes: FakeWorker[] = [];
  const factory: WorkerFactory = async (id) => {
    const w = new FakeWorker(id);
    fakes.push(w);
    return w;
  };
  const pool = new DetectorPool({ models: new Map([['m', model]]), workers, factory, restartDelayMs: 10 });
  pools.push(pool);
  return { pool, fakes };
}

describe('DetectorPool', () => {
  it('spreads jobs over idle workers and batches waiting frames of other cameras with the same canvas', async () => {
    const { pool, fakes } = fakePool(2, batchModel(3));
    await pool.start();
    const done = [
      pool.detect('m', solidFrame(416, 234, [0, 0, 0], { cameraId: 'a' })),
      pool.detect('m', solidFrame(416, 234, [0, 0, 0], { cameraId: 'b' })),
      pool.detect('m', solidFrame(416, 234, [0, 0, 0], { cameraId: 'c' })),
      pool.detect('m', solidFrame(234, 416, [0, 0, 0], { cameraId: 'portrait' })),
      pool.detect('m', solidFrame(416, 234, [0, 0, 0], { cameraId: 'd' })),
    ];
    expect(fakes.map((f) => f.batches)).toEqual([[['a#0']], [['b#0']]]);
    expect(pool.stats()).toMatchObject({ busy: 2, queued: 3 });
    fakes[0]?.finishAll();
    await waitFor(() => (fakes[0]?.batches.length ?? 0) === 2);
    // Worker 1 takes c, and d (same 416x256 canvas) joins it; the portrait frame (256x416) waits.
    expect(fakes[0]?.batches[1]).toEqual(['c#0', 'd#0']);
    fakes[1]?.finishAll();
    await waitFor(() => (fakes[1]?.batches.length ?? 0) === 2);
    expect(fakes[1]?.batches[1]).toEqual(['portrait#0']);
    for (const f of fakes) f.finishAll();
    await Promise.all(done);
    expect(pool.stats()).toMatchObject({ frames: 5, batches: 4, queued: 0, busy: 0 });
  });

  it('hands a worker its next job while it still runs one (depth), least busy worker first', async () => {
    const { pool, fakes } = fakePool(2, batchModel(1));
    await pool.start();
    for (const f of fakes) f.depth = 2;
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((cam) =>
      pool.detect('m', solidFrame(32, 32, [0, 0, 0], { cameraId: cam })),
    );
    expect(fakes.map((f) => f.batches.flat())).toEqual([
      ['a#0', 'c#0'],
      ['b#0', 'd#0'],
    ]);
    expect(pool.stats().queued).toBe(1);
    fakes[1]?.finishAll();
    await waitFor(() => fakes[1]?.batches.length === 3);
    for (const f of fakes) f.finishAll();
    await waitFor(() => pool.stats().busy === 0);
    for (const f of fakes) f.finishAll();
    await Promise.all(jobs);
  });

  it('fails the jobs of a worker that dies, restarts it, and goes on', async () => {
    const { pool, fakes } = fakePool(1, batchModel(1));
    await pool.start();
    const job = pool.detect('m', solidFrame(32, 32, [0, 0, 0]));
    fakes[0]?.die();
    await expect(job).rejects.toThrow(/worker 1 crashed/);
    await waitFor(() => fakes.length === 2);
    expect(pool.stats()).toMatchObject({ restarts: 1, workers: 1 });
    const next = pool.detect('m', solidFrame(32, 32, [0, 0, 0]));
    fakes[1]?.finishAll();
    await expect(next).resolves.toMatchObject({ detections: [] });
    expect(pool.stats()).toMatchObject({ failed: 1, frames: 2 });
  });

  it('rejects unknown models and work after stop', async () => {
    const { pool } = fakePool(1, batchModel(1));
    await pool.start();
    await expect(pool.detect('other', solidFrame(8, 8, [0, 0, 0]))).rejects.toThrow(
      /model "other" is not loaded \(loaded: m\)/,
    );
    await pool.stop();
    await expect(pool.detect('m', solidFrame(8, 8, [0, 0, 0]))).rejects.toThrow(/stopped/);
  });
});

describe('DetectorPool with real worker threads (tsx inside the worker)', () => {
  it('runs the shipped model in two threads', async () => {
    const model = loadModel(modelsDir, 'yolox-nano');
    const factory = threadWorkerFactory({ modelsDir, models: ['yolox-nano'], executionProviders: ['cpu'], threads: 1 });
    const pool = new DetectorPool({ models: new Map([['yolox-nano', model]]), workers: 2, factory });
    pools.push(pool);
    await pool.start();
    expect(pool.stats().workers).toBe(2);
    const frame = solidFrame(416, 234, [114, 114, 114], {
      rect: { box: { x1: 150, y1: 40, x2: 260, y2: 200 }, rgb: [20, 20, 20] },
    });
    const results = await Promise.all([
      pool.detect('yolox-nano', frame),
      pool.detect('yolox-nano', { ...frame, cameraId: 'b' }),
    ]);
    for (const r of results) expect(r.timing.inferMs).toBeGreaterThan(0);
  });

  it('refuses to start with a clear error when a worker cannot load its model', async () => {
    const dir = modelCopy((m) => ((m.input as Record<string, unknown>).name = 'pixels'));
    const factory = threadWorkerFactory({
      modelsDir: dir,
      models: ['yolox-nano'],
      executionProviders: ['cpu'],
      threads: 1,
    });
    const pool = new DetectorPool({
      models: new Map([['yolox-nano', loadModel(modelsDir, 'yolox-nano')]]),
      workers: 1,
      factory,
    });
    pools.push(pool);
    await expect(pool.start()).rejects.toThrow(/manifest\.yaml: input\.name: the graph has no input "pixels"/);
  });
});
