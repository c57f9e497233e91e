/** One model session: frames → (pre-process → inference → decode → NMS) → detections in frame pixels. */
import ort from 'onnxruntime-node';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';
import { Candidates, createDecoder, type Decoder, type TensorView } from './decode/index.ts';
import { FrameFitter, type Resizer } from './fit.ts';
import { clipToFrame, toFrameBox, type Placement } from './letterbox.ts';
import type { LoadedModel } from './model.ts';
import { nms } from './nms.ts';
import { Preprocessor } from './preprocess.ts';
import { openSession, type ExecutionProvider, type SessionOptions } from './session.ts';

export interface DetectTiming {
  readonly preMs: number;
  readonly inferMs: number;
  readonly postMs: number;
  /** The frame needed resizing and sharp failed on it: the Preprocessor's own resize took it. */
  readonly resizeFallback?: boolean;
}

export interface FrameDetections {
  readonly detections: readonly Detection[];
  readonly timing: DetectTiming;
}

/** Where each frame lands on the canvas, and the frames resized to that (under way; Detector.prepare). */
export interface Prepared {
  readonly places: readonly Placement[];
  readonly fitted: Promise<readonly Frame[]>;
}

export interface DetectorOptions extends SessionOptions {
  /** Override the manifest's thresholds. */
  readonly scoreThreshold?: number;
  readonly nmsThreshold?: number;
  /** Resize frames that are not at the model's size with this (default: sharp; tests inject failures). */
  readonly resizer?: Resizer;
}

export class Detector {
  private readonly pre: Preprocessor;
  private readonly decoder: Decoder;
  private readonly candidates = new Candidates();
  private readonly fitter: FrameFitter;
  readonly scoreThreshold: number;
  readonly nmsThreshold: number;

  private constructor(
    readonly model: LoadedModel,
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
    opts: DetectorOptions,
  ) {
    this.pre = new Preprocessor(model.manifest.input);
    this.fitter = new FrameFitter(opts.resizer);
    this.decoder = createDecoder(model.manifest.output);
    this.scoreThreshold = opts.scoreThreshold ?? model.manifest.thresholds.score;
    this.nmsThreshold = opts.nmsThreshold ?? model.manifest.thresholds.nms;
  }

  /** Open the session and run one blank frame through everything, so a model/manifest mismatch fails here. */
  static async create(model: LoadedModel, opts: DetectorOptions): Promise<Detector> {
    const { session, provider } = await openSession(model, opts);
    const d = new Detector(model, session, provider, opts);
    const { width, height } = model.manifest.input;
    const blank: Frame = {
      cameraId: 'self-check',
      ts: 0,
      seq: 0,
      width,
      height,
      data: Buffer.alloc(width * height * 3, 114),
    };
    try {
      await d.detect([blank]);
    } catch (err) {
      await session.release();
      throw new InputError(
        `${model.manifestFile}: the model ran but its output does not fit output.family ` +
          `"${model.manifest.output.family}" / classes: ${errorMessage(err)}`,
        { cause: err },
      );
    }
    return d;
  }

  get maxBatch(): number {
    return this.pre.maxBatch;
  }

  /** Frames sharp could not resize (resized by the Preprocessor instead). */
  get resizeFallbacks(): number {
    return this.fitter.fallbacks;
  }

  /** Detect on each frame; frames sharing a canvas size are batched up to the model's maxBatch. */
  async detect(frames: readonly Frame[]): Promise<FrameDetections[]> {
    return this.detectPrepared(this.prepare(frames));
  }

  /**
   * Start resizing the frames that are not at the model's size (on libuv's threads): a worker calls this as a request
   * arrives, so the resize overlaps the inference of the request before it.
   */
  prepare(frames: readonly Frame[]): Prepared {
    const places = frames.map((f) => this.pre.placementFor(f.width, f.height));
    return { places, fitted: Promise.all(frames.map((f, i) => this.fitter.fit(f, places[i]!))) };
  }

  /** Detect on prepared frames; frames sharing a canvas size are batched up to the model's maxBatch. */
  async detectPrepared(prepared: Prepared): Promise<FrameDetections[]> {
    const t0 = performance.now();
    const fitted = await prepared.fitted;
    const waitMs = (performance.now() - t0) / Math.max(1, fitted.length);
    const out: FrameDetections[] = [];
    let batch: number[] = [];
    let key = '';
    const flush = async (): Promise<void> => {
      const places = batch.map((i) => prepared.places[i]!);
      out.push(
        ...(await this.runBatch(
          places,
          batch.map((i) => fitted[i]!),
          waitMs,
        )),
      );
      batch = [];
    };
    for (let i = 0; i < prepared.places.length; i++) {
      const p = prepared.places[i]!;
      const k = `${p.canvasWidth}x${p.canvasHeight}`;
      if (batch.length === this.maxBatch || (batch.length > 0 && k !== key)) await flush();
      batch.push(i);
      key = k;
    }
    if (batch.length) await flush();
    return out;
  }

  /** `places`: where each frame as it came lands (boxes map back through them); `fitted`: the frames to write. */
  private async runBatch(
    places: readonly Placement[],
    fitted: readonly Frame[],
    waitMs: number,
  ): Promise<FrameDetections[]> {
    const t0 = performance.now();
    for (const [slot, f] of fitted.entries()) this.pre.write(f, slot);
    const feeds = this.feeds(places);
    const t1 = performance.now();
    const result = await this.session.run(feeds);
    const t2 = performance.now();
    const outputs = new Map<string, TensorView>();
    for (const name of this.decoder.outputs) {
      const t = result[name];
      if (t && t.data instanceof Float32Array) outputs.set(name, { data: t.data, dims: t.dims });
    }
    const dets = places.map((p, slot) => this.postprocess(outputs, p, slot));
    const t3 = performance.now();
    const n = fitted.length;
    const timing: DetectTiming = { preMs: waitMs + (t1 - t0) / n, inferMs: (t2 - t1) / n, postMs: (t3 - t2) / n };
    const fellBack = (i: number): boolean =>
      fitted[i]!.width !== places[i]!.width || fitted[i]!.height !== places[i]!.height;
    return dets.map((detections, i) => ({
      detections,
      timing: fellBack(i) ? { ...timing, resizeFallback: true } : timing,
    }));
  }

  private feeds(places: readonly Placement[]): Record<string, ort.Tensor> {
    const { input, output } = this.model.manifest;
    const p = places[0];
    if (!p) throw new Error('empty batch');
    const n = places.length;
    const [w, h] = [p.canvasWidth, p.canvasHeight];
    const dims = input.layout === 'NCHW' ? [n, 3, h, w] : [n, h, w, 3];
    const data = this.pre.view(n, p);
    const image =
      data instanceof Uint8Array ? new ort.Tensor('uint8', data, dims) : new ort.Tensor('float32', data, dims);
    const feeds: Record<string, ort.Tensor> = { [input.name]: image };
    if (output.family === 'picodet-nms' && output.scaleFactorInput) {
      feeds[output.scaleFactorInput] = new ort.Tensor('float32', Float32Array.of(p.scaleY, p.scaleX), [1, 2]);
    }
    return feeds;
  }

  private postprocess(outputs: ReadonlyMap<string, TensorView>, place: Placement, slot: number): Detection[] {
    const c = this.candidates;
    c.reset();
    this.decoder.decode(
      outputs,
      {
        slot,
        width: place.canvasWidth,
        height: place.canvasHeight,
        scoreThreshold: this.scoreThreshold,
        numClasses: this.model.classNames.length,
      },
      c,
    );
    const keep = this.decoder.nmsInGraph
      ? Array.from({ length: c.count }, (_, i) => i).sort((a, b) => c.score[b]! - c.score[a]!)
      : nms(c, this.nmsThreshold);
    const frameSpace = this.decoder.space === 'frame';
    return keep.map((i) => {
      const cls = c.cls[i]!;
      const box = (frameSpace ? clipToFrame : toFrameBox)(place, c.x1[i]!, c.y1[i]!, c.x2[i]!, c.y2[i]!);
      return {
        label: this.model.classNames[cls] ?? `class-${cls}`,
        classId: cls,
        score: c.score[i]!,
        box,
        concepts: this.model.conceptsByClass[cls] ?? [],
      };
    });
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
