/**
 * YOLOX head: rows [tx, ty, tw, th, obj, p_0 … p_C-1], obj and p already sigmoid-ed, one row per grid cell,
 * stride by stride, row-major. cx = (tx + gx)·s, w = exp(tw)·s (MODEL.md). `decoded` exports skip the grid step.
 */
import {
  bestClass,
  type Candidates,
  tensorOf,
  type DecodeContext,
  type Decoder,
  type TensorView,
} from './candidates.ts';

interface Grid {
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly stride: Float32Array;
}

export function yoloxGrid(width: number, height: number, strides: readonly number[]): Grid {
  let n = 0;
  for (const s of strides) n += Math.floor(width / s) * Math.floor(height / s);
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  const stride = new Float32Array(n);
  let i = 0;
  for (const s of strides) {
    const w = Math.floor(width / s);
    const h = Math.floor(height / s);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++, i++) {
        gx[i] = x;
        gy[i] = y;
        stride[i] = s;
      }
    }
  }
  return { gx, gy, stride };
}

export class YoloxDecoder implements Decoder {
  readonly space = 'canvas' as const;
  readonly nmsInGraph = false;
  readonly outputs: readonly string[];
  private grid: Grid | undefined;
  private gridKey = '';

  constructor(
    private readonly name: string,
    private readonly strides: readonly number[],
    private readonly decoded: boolean,
  ) {
    this.outputs = [name];
  }

  decode(outputs: ReadonlyMap<string, TensorView>, ctx: DecodeContext, out: Candidates): void {
    const t = tensorOf(outputs, this.name);
    const [, anchors = 0, cols = 0] = t.dims;
    if (cols !== 5 + ctx.numClasses)
      throw new Error(`yolox output "${this.name}" has ${cols} columns, expected 5 + ${ctx.numClasses} classes`);
    const key = `${ctx.width}x${ctx.height}`;
    if (!this.decoded && this.gridKey !== key) {
      this.grid = yoloxGrid(ctx.width, ctx.height, this.strides);
      this.gridKey = key;
    }
    const grid = this.grid;
    if (grid && !this.decoded && grid.gx.length !== anchors) {
      throw new Error(
        `yolox output "${this.name}" has ${anchors} rows, expected ${grid.gx.length} for ${key} and strides ` +
          `${this.strides.join('/')}`,
      );
    }
    const d = t.data;
    const thr = ctx.scoreThreshold;
    const base = ctx.slot * anchors * cols;
    for (let a = 0; a < anchors; a++) {
      const o = base + a * cols;
      const obj = d[o + 4]!;
      if (obj < thr) continue;
      const { cls, p } = bestClass(d, o + 5, ctx.numClasses);
      const score = obj * p;
      if (score < thr) continue;
      if (grid) {
        const s = grid.stride[a]!;
        out.pushCenter(
          (d[o]! + grid.gx[a]!) * s,
          (d[o + 1]! + grid.gy[a]!) * s,
          Math.exp(d[o + 2]!) * s,
          Math.exp(d[o + 3]!) * s,
          score,
          cls,
        );
      } else {
        out.pushCenter(d[o]!, d[o + 1]!, d[o + 2]!, d[o + 3]!, score, cls);
      }
    }
  }
}
