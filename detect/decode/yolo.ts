/**
 * Ultralytics-style heads with boxes already decoded to input pixels (cx, cy, w, h):
 * YOLOv5/v7 rows [cx, cy, w, h, obj, p…] and YOLOv8/11 columns [cx, cy, w, h, p…] laid out as [N, 4+C, A].
 */
import {
  bestClass,
  type Candidates,
  tensorOf,
  type DecodeContext,
  type Decoder,
  type TensorView,
} from './candidates.ts';

export class Yolov5Decoder implements Decoder {
  readonly space = 'canvas' as const;
  readonly nmsInGraph = false;
  readonly outputs: readonly string[];

  constructor(private readonly name: string) {
    this.outputs = [name];
  }

  decode(outputs: ReadonlyMap<string, TensorView>, ctx: DecodeContext, out: Candidates): void {
    const t = tensorOf(outputs, this.name);
    const [, anchors = 0, cols = 0] = t.dims;
    if (cols !== 5 + ctx.numClasses)
      throw new Error(`yolov5 output "${this.name}" has ${cols} columns, expected 5 + ${ctx.numClasses} classes`);
    const d = t.data;
    const base = ctx.slot * anchors * cols;
    for (let a = 0; a < anchors; a++) {
      const o = base + a * cols;
      const obj = d[o + 4]!;
      if (obj < ctx.scoreThreshold) continue;
      const { cls, p } = bestClass(d, o + 5, ctx.numClasses);
      const score = obj * p;
      if (score >= ctx.scoreThreshold) out.pushCenter(d[o]!, d[o + 1]!, d[o + 2]!, d[o + 3]!, score, cls);
    }
  }
}

export class Yolov8Decoder implements Decoder {
  readonly space = 'canvas' as const;
  readonly nmsInGraph = false;
  readonly outputs: readonly string[];
  private best = new Float32Array(0);
  private bestCls = new Int32Array(0);

  constructor(private readonly name: string) {
    this.outputs = [name];
  }

  decode(outputs: ReadonlyMap<string, TensorView>, ctx: DecodeContext, out: Candidates): void {
    const t = tensorOf(outputs, this.name);
    const [, rows = 0, anchors = 0] = t.dims;
    if (rows !== 4 + ctx.numClasses)
      throw new Error(`yolov8 output "${this.name}" has ${rows} rows, expected 4 + ${ctx.numClasses} classes`);
    if (this.best.length < anchors) {
      this.best = new Float32Array(anchors);
      this.bestCls = new Int32Array(anchors);
    }
    const { best, bestCls } = this;
    best.fill(0, 0, anchors);
    const d = t.data;
    const base = ctx.slot * rows * anchors;
    // Class-major sweep: each class row is contiguous, so this reads memory in order.
    for (let c = 0; c < ctx.numClasses; c++) {
      const o = base + (4 + c) * anchors;
      for (let a = 0; a < anchors; a++) {
        const p = d[o + a]!;
        if (p > best[a]!) {
          best[a] = p;
          bestCls[a] = c;
        }
      }
    }
    for (let a = 0; a < anchors; a++) {
      const score = best[a]!;
      if (score < ctx.scoreThreshold) continue;
      out.pushCenter(
        d[base + a]!,
        d[base + anchors + a]!,
        d[base + 2 * anchors + a]!,
        d[base + 3 * anchors + a]!,
        score,
        bestCls[a]!,
      );
    }
  }
}
