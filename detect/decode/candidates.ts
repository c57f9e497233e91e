/** Decoded boxes before NMS, held column-wise in growable typed arrays that are reused between frames. */

export class Candidates {
  count = 0;
  x1 = new Float32Array(256);
  y1 = new Float32Array(256);
  x2 = new Float32Array(256);
  y2 = new Float32Array(256);
  score = new Float32Array(256);
  cls = new Int32Array(256);

  reset(): void {
    this.count = 0;
  }

  push(x1: number, y1: number, x2: number, y2: number, score: number, cls: number): void {
    if (this.count === this.score.length) this.grow();
    const i = this.count++;
    this.x1[i] = x1;
    this.y1[i] = y1;
    this.x2[i] = x2;
    this.y2[i] = y2;
    this.score[i] = score;
    this.cls[i] = cls;
  }

  /** Push a centre-size box. */
  pushCenter(cx: number, cy: number, w: number, h: number, score: number, cls: number): void {
    this.push(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, cls);
  }

  private grow(): void {
    const n = this.score.length * 2;
    const f = (a: Float32Array): Float32Array<ArrayBuffer> => {
      const b = new Float32Array(n);
      b.set(a);
      return b;
    };
    this.x1 = f(this.x1);
    this.y1 = f(this.y1);
    this.x2 = f(this.x2);
    this.y2 = f(this.y2);
    this.score = f(this.score);
    const c = new Int32Array(n);
    c.set(this.cls);
    this.cls = c;
  }
}

/** The part of an onnxruntime tensor a decoder reads. */
export interface TensorView {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface DecodeContext {
  /** Batch slot to decode. */
  readonly slot: number;
  /** Model input size. */
  readonly width: number;
  readonly height: number;
  readonly scoreThreshold: number;
  readonly numClasses: number;
}

export interface Decoder {
  /** 'canvas': boxes in model-input pixels, mapped back by the caller; 'frame': the graph already mapped them. */
  readonly space: 'canvas' | 'frame';
  /** True when the graph already ran NMS. */
  readonly nmsInGraph: boolean;
  /** Names of the output tensors this decoder reads. */
  readonly outputs: readonly string[];
  decode(outputs: ReadonlyMap<string, TensorView>, ctx: DecodeContext, out: Candidates): void;
}

/**
 * The most probable of `n` class probabilities starting at d[start], for rows laid out [cx, cy, w, h, obj, p…]
 * (YOLOv5, YOLOX): its index, and its probability (0 when none is above 0) as `obj × p` is the row's score.
 */
export function bestClass(d: Float32Array, start: number, n: number): { cls: number; p: number } {
  let p = 0;
  let cls = 0;
  for (let c = 0; c < n; c++) {
    const v = d[start + c]!;
    if (v > p) {
      p = v;
      cls = c;
    }
  }
  return { cls, p };
}

export function tensorOf(outputs: ReadonlyMap<string, TensorView>, name: string): TensorView {
  const t = outputs.get(name);
  if (!t) throw new Error(`model output "${name}" is missing (got ${[...outputs.keys()].join(', ')})`);
  return t;
}
