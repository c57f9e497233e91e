/** A detector worker thread behind a promise API: run(model, frames) → detections; dies loudly, never silently. */
import { Worker } from 'node:worker_threads';
import { compiled } from '../kernel/app-root.ts';
import { InputError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';
import type { Frame } from '../kernel/types/index.ts';
import type { FrameDetections } from './detector.ts';
import { loadModel, type LoadedModel } from './model.ts';
import {
  toWire,
  unpackResults,
  wireBytes,
  type WorkerData,
  type WorkerInit,
  type WorkerMessage,
} from './worker-protocol.ts';

export interface DetectWorker {
  readonly id: number;
  /** Requests it accepts at once (queued in the thread, run in order). */
  readonly depth: number;
  run(model: string, frames: readonly Frame[]): Promise<FrameDetections[]>;
  close(): Promise<void>;
  /** Called once if the worker dies while it was meant to be running. */
  onExit(cb: (err: Error) => void): void;
}

export type WorkerFactory = (id: number) => Promise<DetectWorker>;

/** From sources a boot file registers tsx in the thread first; the compiled worker.js runs as it is. */
const bootUrl = new URL(compiled ? './worker.js' : './worker-boot.mjs', import.meta.url);

class ThreadWorker implements DetectWorker {
  private readonly pending = new Map<number, { resolve: (r: FrameDetections[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closing = false;
  private exitCb: ((err: Error) => void) | undefined;
  /** One pixel buffer per request in flight; a slot is reused once its request is answered. */
  private readonly slots: (SharedArrayBuffer | undefined)[];
  private readonly slotOf = new Map<number, number>();
  private readonly modelOf = new Map<number, string>();

  constructor(
    readonly id: number,
    private readonly worker: Worker,
    private readonly models: ReadonlyMap<string, LoadedModel>,
    readonly depth = 2,
  ) {
    this.slots = new Array<SharedArrayBuffer | undefined>(depth).fill(undefined);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type !== 'result' && m.type !== 'error') return;
      const p = this.pending.get(m.id);
      const model = this.modelOf.get(m.id) ?? '';
      this.pending.delete(m.id);
      this.slotOf.delete(m.id);
      this.modelOf.delete(m.id);
      if (m.type === 'result') p?.resolve(unpackResults(m.packed, this.models.get(model)));
      else p?.reject(new Error(`detector worker ${id}: ${m.message}`));
    });
    const died = (err: Error): void => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.slotOf.clear();
      this.modelOf.clear();
      if (!this.closing) this.exitCb?.(err);
      this.closing = true;
    };
    worker.on('error', (err) => died(new Error(`detector worker ${id} crashed: ${err.message}`)));
    worker.on('exit', (code) => died(new Error(`detector worker ${id} exited with code ${code}`)));
  }

  run(model: string, frames: readonly Frame[]): Promise<FrameDetections[]> {
    if (this.closing) return Promise.reject(new Error(`detector worker ${this.id} is not running`));
    const used = new Set(this.slotOf.values());
    const slot = [...this.slots.keys()].find((i) => !used.has(i));
    if (slot === undefined)
      return Promise.reject(new Error(`detector worker ${this.id} already has ${this.depth} requests`));
    const need = wireBytes(frames);
    let shared = this.slots[slot];
    const fresh = !shared || shared.byteLength < need;
    if (!shared || fresh) {
      shared = new SharedArrayBuffer(Math.max(need, 1280 * 720 * 3));
      this.slots[slot] = shared;
    }
    const id = this.nextId++;
    const wire = toWire(frames, shared);
    this.slotOf.set(id, slot);
    this.modelOf.set(id, model);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'detect', id, model, frames: wire, slot, ...(fresh ? { shared } : {}) });
    });
  }

  onExit(cb: (err: Error) => void): void {
    this.exitCb = cb;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

/** Start worker threads that load `init.models`; a bad model or manifest rejects with the worker's clear error. */
export function threadWorkerFactory(init: WorkerInit, log?: Logger): WorkerFactory {
  // The main thread needs the class names and concepts to rebuild the packed detections.
  const models = new Map(init.models.map((name) => [name, loadModel(init.modelsDir, name)]));
  const { modelsDir: _dir, ...rest } = init;
  const data: WorkerData = { ...rest, models: [...models.values()] };
  return (id) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(bootUrl, { workerData: data, execArgv: [] });
      const fail = (err: Error): void => {
        worker.removeAllListeners();
        void worker.terminate();
        reject(err);
      };
      const onExit = (code: number): void =>
        fail(new Error(`detector worker ${id} exited with code ${code} while starting`));
      const onMessage = (m: WorkerMessage): void => {
        if (m.type === 'fallback')
          log?.warn(
            { worker: id, provider: m.provider, reason: m.reason },
            'execution provider unavailable; trying the next',
          );
        if (m.type === 'fatal') fail(new InputError(m.message));
        if (m.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', fail);
        worker.off('exit', onExit);
        log?.debug({ worker: id, providers: m.providers }, 'detector worker ready');
        resolve(new ThreadWorker(id, worker, models));
      };
      worker.on('message', onMessage);
      worker.on('error', fail);
      worker.on('exit', onExit);
    });
}
