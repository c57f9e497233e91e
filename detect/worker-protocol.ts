/**
 * Messages between the detector pool (main thread) and its worker threads. Frame pixels travel through
 * SharedArrayBuffer slots owned by each worker handle (one memcpy, no serialisation, no garbage per frame); the
 * caller's Frame is never detached or changed. Detections come back packed in one transferred Float32Array.
 */
import type { Detection, Frame } from '../kernel/types/index.ts';
import type { DetectTiming, FrameDetections } from './detector.ts';
import type { LoadedModel } from './model.ts';
import type { ExecutionProvider } from './session.ts';

export interface WorkerInit {
  readonly modelsDir: string;
  readonly models: readonly string[];
  readonly executionProviders: readonly ExecutionProvider[];
  readonly threads: number;
  readonly scoreThreshold?: number;
}

/**
 * What a worker thread starts with: the models already loaded and validated by the main thread (plain data), so the
 * worker never imports the manifest schema. Measured: with zod imported, a detector thread used about 0.5 ms more CPU
 * per frame, all on V8's background GC threads (see detect/README.md, "Worker pool").
 */
export interface WorkerData extends Omit<WorkerInit, 'models' | 'modelsDir'> {
  readonly models: readonly LoadedModel[];
}

/** A frame as it crosses the thread boundary: its pixels are bytes [offset, offset + width·height·3) of `shared`. */
export interface WireFrame {
  readonly cameraId: string;
  readonly ts: number;
  readonly seq: number;
  readonly width: number;
  readonly height: number;
  readonly offset: number;
}

export interface DetectRequest {
  readonly type: 'detect';
  readonly id: number;
  readonly model: string;
  readonly frames: readonly WireFrame[];
  /** Slot of the worker's shared pixel buffers holding this request's frames. */
  readonly slot: number;
  /** That slot's buffer, sent only when it is new to the worker (shared memory: posting it copies nothing). */
  readonly shared?: SharedArrayBuffer;
}

/** Detections of a batch: per frame a count, rows [class, score, x1, y1, x2, y2] back to back, and the timing. */
export interface PackedResults {
  readonly counts: readonly number[];
  readonly rows: Float32Array<ArrayBuffer>;
  readonly timing: readonly DetectTiming[];
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly providers: Readonly<Record<string, ExecutionProvider>> }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'fallback'; readonly provider: ExecutionProvider; readonly reason: string }
  | { readonly type: 'result'; readonly id: number; readonly packed: PackedResults }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Copy the frames' pixels into `shared` (back to back) and describe them. */
export function toWire(frames: readonly Frame[], shared: SharedArrayBuffer): WireFrame[] {
  const bytes = new Uint8Array(shared);
  let offset = 0;
  return frames.map((f) => {
    const n = f.width * f.height * 3;
    bytes.set(f.data.subarray(0, n), offset);
    const w = { cameraId: f.cameraId, ts: f.ts, seq: f.seq, width: f.width, height: f.height, offset };
    offset += n;
    return w;
  });
}

/** Bytes `frames` need in the shared buffer. */
export function wireBytes(frames: readonly Frame[]): number {
  return frames.reduce((a, f) => a + f.width * f.height * 3, 0);
}

/** A Frame whose data is a view of the shared buffer (valid until the next request). */
export function fromWire(f: WireFrame, shared: SharedArrayBuffer): Frame {
  const { offset, ...rest } = f;
  return { ...rest, data: Buffer.from(shared, offset, f.width * f.height * 3) };
}

export function packResults(results: readonly FrameDetections[]): PackedResults {
  const rows = new Float32Array(results.reduce((a, r) => a + r.detections.length, 0) * 6);
  let o = 0;
  for (const r of results) {
    for (const d of r.detections) {
      rows.set([d.classId, d.score, d.box.x1, d.box.y1, d.box.x2, d.box.y2], o);
      o += 6;
    }
  }
  return { counts: results.map((r) => r.detections.length), rows, timing: results.map((r) => r.timing) };
}

/** Rebuild the detections with the model's class names and concepts. */
export function unpackResults(p: PackedResults, model: LoadedModel | undefined): FrameDetections[] {
  let o = 0;
  return p.counts.map((n, i) => {
    const detections: Detection[] = [];
    for (let k = 0; k < n; k++, o += 6) {
      const cls = p.rows[o]!;
      detections.push({
        label: model?.classNames[cls] ?? `class-${cls}`,
        classId: cls,
        score: p.rows[o + 1]!,
        box: { x1: p.rows[o + 2]!, y1: p.rows[o + 3]!, x2: p.rows[o + 4]!, y2: p.rows[o + 5]! },
        concepts: model?.conceptsByClass[cls] ?? [],
      });
    }
    return { detections, timing: p.timing[i] ?? { preMs: 0, inferMs: 0, postMs: 0 } };
  });
}
