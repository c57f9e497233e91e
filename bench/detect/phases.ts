/**
 * The two sides of the detect benchmark, each started once and then measured in alternating windows so both see
 * the same background load: bare onnxruntime sessions in worker threads, and the full detect stage.
 */
import { cpuUsage } from 'node:process';
import { Worker } from 'node:worker_threads';
import { EventBus } from '../../kernel/bus.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig } from '../../kernel/testing.ts';
import type { Frame } from '../../kernel/types/index.ts';
import { DetectPipeline } from '../../detect/service.ts';
import type { TimingTotals } from '../../detect/stats.ts';

/** Frames finished, wall seconds and process CPU ms (all threads) of one window. */
export interface Window {
  readonly frames: number;
  readonly wallS: number;
  readonly cpuMs: number;
}

export interface Side {
  measure(seconds: number): Promise<Window>;
  /** Run unmeasured (default: a measure whose result is dropped). */
  warm?(seconds: number): Promise<void>;
  close(): Promise<void>;
}

const cpuMsSince = (c0: NodeJS.CpuUsage): number => {
  const c = cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

export interface BareOptions {
  readonly file: string;
  readonly inputName: string;
  readonly width: number;
  readonly height: number;
  readonly workers: number;
  readonly threads: number;
  /** The input tensor data (a real pre-processed frame). */
  readonly input?: Float32Array;
}

/** `workers` bare sessions side by side (the baseline). */
export async function bareSide(o: BareOptions): Promise<Side> {
  const workers = await Promise.all(
    Array.from({ length: o.workers }, async () => {
      const w = new Worker(new URL('./bare.worker.mjs', import.meta.url), { workerData: o });
      await new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      return w;
    }),
  );
  return {
    async measure(seconds) {
      const c0 = cpuUsage();
      const t0 = performance.now();
      const runs = await Promise.all(
        workers.map(
          (w) =>
            new Promise<number>((resolve) => {
              w.once('message', (m: { runs: number }) => resolve(m.runs));
              w.postMessage({ seconds });
            }),
        ),
      );
      return { frames: runs.reduce((a, b) => a + b, 0), wallS: (performance.now() - t0) / 1000, cpuMs: cpuMsSince(c0) };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export interface StageOptions {
  readonly model: string;
  readonly frames: readonly Frame[];
  readonly cameras: number;
  readonly workers: number;
  readonly threads: number;
}

/**
 * The full detect stage: the real DetectPipeline (worker pool, pre-processing, inference, decoding, NMS, tracking),
 * motion gate off so every frame is analysed; during a window each of `cameras` cameras sends its next frame as
 * soon as its last one is through (closed loop: the pool never idles and nothing is dropped).
 */
/** Per-frame means over the measured windows (worker: pre-processing, inference, decoding + NMS; main: tracking). */
export interface StageTimings {
  readonly preMs: number;
  readonly inferenceMs: number;
  readonly postMs: number;
  readonly trackMs: number;
  readonly dropped: number;
}

export async function stageSide(o: StageOptions): Promise<Side & { stats(): StageTimings }> {
  const { config, baseDir } = testConfig({
    models: { default: o.model, workers: o.workers, threadsPerWorker: o.threads, motion: { enabled: false } },
  });
  const ctx: AppContext = {
    config,
    baseDir,
    dataDir: config.dataDir,
    bus: new EventBus(),
    log: silentLogger(),
    clock: systemClock,
    startedAt: Date.now(),
  };
  let active = false;
  let done = 0;
  const seq = new Map<string, number>();
  const d = new DetectPipeline(ctx, {
    taps: [
      {
        name: 'closed-loop',
        observe: (i) => {
          done++;
          if (active) setImmediate(() => push(i.frame.cameraId));
        },
      },
    ],
  });
  const push = (cam: string): void => {
    const n = seq.get(cam) ?? 0;
    seq.set(cam, n + 1);
    const f = o.frames[n % o.frames.length];
    if (f) d.push({ ...f, cameraId: cam, seq: n, ts: 1_000_000 + n * 1000 });
  };
  const sums = { timed: 0, preMs: 0, inferMs: 0, postMs: 0, tracked: 0, trackMs: 0 };
  const window = async (seconds: number, measured = true): Promise<Window> => {
    const t0s = d.timingTotals();
    const c0 = cpuUsage();
    const t0 = performance.now();
    const before = done;
    active = true;
    for (let c = 0; c < o.cameras; c++) push(`cam-${c}`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    // Like the bare side, which finishes the run it is in: stop feeding, let the frames in flight finish, count them.
    active = false;
    await d.idle();
    const w = { frames: done - before, wallS: (performance.now() - t0) / 1000, cpuMs: cpuMsSince(c0) };
    const t1s = d.timingTotals();
    if (measured) for (const k of Object.keys(sums) as (keyof TimingTotals)[]) sums[k] += t1s[k] - t0s[k];
    return w;
  };
  await d.start();
  await window(2, false); // warm-up: JIT, resize tables, first runs
  const r = (v: number, n: number): number => Math.round((v / Math.max(1, n)) * 1000) / 1000;
  return {
    measure: (seconds) => window(seconds),
    warm: async (seconds) => void (await window(seconds, false)),
    stats: () => ({
      preMs: r(sums.preMs, sums.timed),
      inferenceMs: r(sums.inferMs, sums.timed),
      postMs: r(sums.postMs, sums.timed),
      trackMs: r(sums.trackMs, sums.tracked),
      dropped: Number(d.health().stats?.dropped ?? 0),
    }),
    close: () => d.stop(),
  };
}

/**
 * Alternate the two sides `rounds` times, in A B B A … order so a drift of the machine's speed cancels; totals per
 * side. Each measured window follows an unmeasured second of the same side: while the other side ran, V8 shrank this
 * side's idle heaps (memory reducer), and a detector that runs all day does not start cold every few seconds.
 */
export async function alternate(
  a: Side,
  b: Side,
  rounds: number,
  seconds: number,
  warmSeconds = 1,
): Promise<[Window, Window]> {
  const sum = (x: Window, y: Window): Window => ({
    frames: x.frames + y.frames,
    wallS: x.wallS + y.wallS,
    cpuMs: x.cpuMs + y.cpuMs,
  });
  const warmThenMeasure = async (side: Side): Promise<Window> => {
    if (warmSeconds > 0) await (side.warm ? side.warm(warmSeconds) : side.measure(warmSeconds));
    return side.measure(seconds);
  };
  let ta: Window = { frames: 0, wallS: 0, cpuMs: 0 };
  let tb: Window = { frames: 0, wallS: 0, cpuMs: 0 };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      ta = sum(ta, await warmThenMeasure(a));
      tb = sum(tb, await warmThenMeasure(b));
    } else {
      tb = sum(tb, await warmThenMeasure(b));
      ta = sum(ta, await warmThenMeasure(a));
    }
  }
  return [ta, tb];
}
