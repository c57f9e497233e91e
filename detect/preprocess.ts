/**
 * Frame (RGB24) → model input tensor. Resize (swscale-bilinear tables), colour order, normalisation and layout are
 * applied while writing into one tensor buffer that is allocated once and reused; a frame that already has the
 * letterboxed size (the camera delivers the model's width) skips the resize and is copied in one pass. A uint8 input
 * (the graph converts pixels itself, manifest `input.dtype`) in NHWC RGB takes the frame's bytes as they are: rows
 * are copied with memcpy and the per-pixel work runs in onnxruntime's vectorised kernels instead of here.
 */
import { endianness } from 'node:os';
import type { Frame } from '../kernel/types/index.ts';
import { placement, type Placement } from './letterbox.ts';
import type { ModelInput } from './manifest.ts';
import { isIdentity, resizeTable, type ResizeTable } from './resize.ts';

const littleEndian = endianness() === 'LE';

/** Input tensor data: float32, or uint8 for graphs that convert pixels themselves. */
export type TensorData = Float32Array | Uint8Array;

interface Tables {
  readonly place: Placement;
  readonly h: ResizeTable;
  readonly v: ResizeTable;
}

/** Where each RGB channel of the frame goes in the tensor, and its normalisation (value · mul + add). */
interface ChannelMap {
  readonly to: readonly [number, number, number];
  readonly mul: readonly [number, number, number];
  readonly add: readonly [number, number, number];
  /** The same normalisation as 256-entry tables, for the resize path (which rounds to 8 bits first). */
  readonly lut: readonly [Float32Array, Float32Array, Float32Array];
}

export class Preprocessor {
  /** The input tensor data for up to maxBatch frames at the largest canvas, reused for every run. */
  readonly tensor: TensorData;
  private readonly tables = new Map<string, Tables>();
  private readonly slotKey: string[] = [];
  private canvasKey = '';
  private rows = new Float32Array(0);
  private readonly map: ChannelMap;

  constructor(
    private readonly input: ModelInput,
    readonly maxBatch = input.maxBatch,
  ) {
    const size = maxBatch * 3 * input.width * input.height;
    // uint8 inputs: the schema guarantees identity normalisation, so the float values written below are whole 0..255.
    this.tensor = input.dtype === 'uint8' ? new Uint8Array(size) : new Float32Array(size);
    // Model channel k reads frame channel order[k]; invert it so each RGB channel knows its model channel.
    const order = input.colour === 'BGR' ? [2, 1, 0] : [0, 1, 2];
    const modelChannel = (rgb: number): number => order.indexOf(rgb);
    const ch = [0, 1, 2].map(modelChannel) as [number, number, number];
    const mul = ch.map((k) => input.scale / (input.std[k] ?? 1)) as [number, number, number];
    const add = ch.map((k) => -(input.mean[k] ?? 0) / (input.std[k] ?? 1)) as [number, number, number];
    const lut = ch.map((_, c) => Float32Array.from({ length: 256 }, (_v, v) => v * mul[c]! + add[c]!)) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    this.map = { to: ch, mul, add, lut };
  }

  /** Placement of a frame of this size (cached with its resize tables). */
  placementFor(width: number, height: number): Placement {
    return this.tablesFor(width, height).place;
  }

  /** The tensor data of the first `n` slots written at `place`'s canvas size. */
  view(n: number, place: Placement): TensorData {
    return this.tensor.subarray(0, n * 3 * place.canvasWidth * place.canvasHeight);
  }

  /** Write `frame` into batch slot `slot`; every frame of one batch must share the canvas size. */
  write(frame: Frame, slot = 0): Placement {
    if (frame.data.length < frame.width * frame.height * 3) {
      throw new RangeError(
        `frame ${frame.cameraId}#${frame.seq}: ${frame.data.length} bytes is less than ` +
          `${frame.width}x${frame.height} ` +
          `RGB24`,
      );
    }
    const t = this.tablesFor(frame.width, frame.height);
    const key = `${frame.width}x${frame.height}`;
    const canvas = `${t.place.canvasWidth}x${t.place.canvasHeight}`;
    if (canvas !== this.canvasKey) {
      // Slots of another canvas size overlap differently: every slot's padding must be rewritten.
      this.slotKey.length = 0;
      this.canvasKey = canvas;
    }
    if (this.slotKey[slot] !== key) {
      this.fillPad(t.place, slot);
      this.slotKey[slot] = key;
    }
    if (isIdentity(t.h) && isIdentity(t.v)) {
      this.copy(frame, t.place, slot);
    } else {
      this.vertical(frame, t.v);
      this.horizontal(frame, t, slot);
    }
    return t.place;
  }

  private tablesFor(width: number, height: number): Tables {
    const key = `${width}x${height}`;
    let t = this.tables.get(key);
    if (!t) {
      const place = placement(width, height, this.input);
      t = { place, h: resizeTable(width, place.width), v: resizeTable(height, place.height) };
      this.tables.set(key, t);
    }
    return t;
  }

  /** Layout of slot `slot` at this canvas: base offset, channel stride, pixel stride, row stride. */
  private layout(p: Placement, slot: number): { base: number; cs: number; ps: number; rs: number } {
    const plane = p.canvasWidth * p.canvasHeight;
    const nchw = this.input.layout === 'NCHW';
    return { base: slot * 3 * plane, cs: nchw ? plane : 1, ps: nchw ? 1 : 3, rs: p.canvasWidth * (nchw ? 1 : 3) };
  }

  private fillPad(p: Placement, slot: number): void {
    const { base, cs, ps } = this.layout(p, slot);
    const n = p.canvasWidth * p.canvasHeight;
    for (let c = 0; c < 3; c++) {
      const k = this.map.to[c]!;
      const v = (this.input.pad * this.input.scale - (this.input.mean[k] ?? 0)) / (this.input.std[k] ?? 1);
      if (ps === 1) this.tensor.fill(v, base + k * cs, base + k * cs + n);
      else for (let i = base + k; i < base + 3 * n; i += 3) this.tensor[i] = v;
    }
  }

  /** No resize: one pass over the pixels, each channel normalised and written to its place. */
  private copy(frame: Frame, p: Placement, slot: number): void {
    const src = frame.data;
    const { base, cs, ps, rs } = this.layout(p, slot);
    if (this.tensor instanceof Uint8Array && ps === 3 && this.map.to.every((k, c) => k === c)) {
      // uint8 NHWC RGB: the frame's rows are the tensor's rows.
      const row = frame.width * 3;
      const at = base + p.dy * rs + p.dx * 3;
      if (row === rs) this.tensor.set(src.subarray(0, row * frame.height), at);
      else for (let y = 0; y < frame.height; y++) this.tensor.set(src.subarray(y * row, (y + 1) * row), at + y * rs);
      return;
    }
    const [mr, mg, mb] = this.map.mul;
    const [ar, ag, ab] = this.map.add;
    const w = frame.width;
    const [tr, tg, tb] = this.map.to.map((k) => k * cs) as [number, number, number];
    if (ps === 1) {
      // NCHW: three contiguous planes, written row by row.
      const r = this.tensor.subarray(base + tr, base + tr + cs);
      const g = this.tensor.subarray(base + tg, base + tg + cs);
      const b = this.tensor.subarray(base + tb, base + tb + cs);
      if (littleEndian && w % 4 === 0 && src.byteOffset % 4 === 0) {
        copyWords(src, w, frame.height, p.dx + p.dy * rs, rs, r, g, b, this.map);
        return;
      }
      for (let y = 0; y < frame.height; y++) {
        let i = y * w * 3;
        const end = (y + p.dy) * rs + p.dx + w;
        for (let o = end - w; o < end; o++, i += 3) {
          r[o] = src[i]! * mr + ar;
          g[o] = src[i + 1]! * mg + ag;
          b[o] = src[i + 2]! * mb + ab;
        }
      }
      return;
    }
    const t = this.tensor;
    for (let y = 0; y < frame.height; y++) {
      let o = base + (y + p.dy) * rs + p.dx * ps;
      let i = y * w * 3;
      for (let x = 0; x < w; x++, i += 3, o += ps) {
        t[o + tr] = src[i]! * mr + ar;
        t[o + tg] = src[i + 1]! * mg + ag;
        t[o + tb] = src[i + 2]! * mb + ab;
      }
    }
  }

  /** Resize columns first (streaming over whole source rows) into `rows`: outHeight × frameWidth × 3. */
  private vertical(frame: Frame, v: ResizeTable): void {
    const { dst, taps, start, weights } = v;
    const n = frame.width * 3;
    if (this.rows.length < dst * n) this.rows = new Float32Array(dst * n);
    const { rows } = this;
    const src = frame.data;
    for (let y = 0; y < dst; y++) {
      const o = y * n;
      // Taps in pairs: one write per element for every two source rows read.
      let k = 0;
      for (; k + 1 < taps; k += 2) {
        const w0 = weights[y * taps + k]!;
        const w1 = weights[y * taps + k + 1]!;
        const r0 = (start[y]! + k) * n;
        const r1 = r0 + n;
        if (k === 0) for (let i = 0; i < n; i++) rows[o + i] = src[r0 + i]! * w0 + src[r1 + i]! * w1;
        else for (let i = 0; i < n; i++) rows[o + i]! += src[r0 + i]! * w0 + src[r1 + i]! * w1;
      }
      if (k < taps) {
        const w = weights[y * taps + k]!;
        const r0 = (start[y]! + k) * n;
        if (k === 0) for (let i = 0; i < n; i++) rows[o + i] = src[r0 + i]! * w;
        else for (let i = 0; i < n; i++) rows[o + i]! += src[r0 + i]! * w;
      }
    }
  }

  /** Then rows: resample, round to 8 bits like the reference, normalise and scatter into the tensor. */
  private horizontal(frame: Frame, t: Tables, slot: number): void {
    const { dst: outW, taps, start, weights } = t.h;
    const p = t.place;
    const { rows, tensor } = this;
    const n = frame.width * 3;
    const { base, cs, ps, rs } = this.layout(p, slot);
    const [rTo, gTo, bTo] = this.map.to.map((k) => k * cs) as [number, number, number];
    const [lr, lg, lb] = this.map.lut;
    for (let y = 0; y < p.height; y++) {
      const r0 = y * n;
      let o = base + (y + p.dy) * rs + p.dx * ps;
      for (let x = 0; x < outW; x++, o += ps) {
        let s = r0 + start[x]! * 3;
        let wi = x * taps;
        let r = 0.5;
        let g = 0.5;
        let b = 0.5;
        for (let k = 0; k < taps; k++, s += 3) {
          const w = weights[wi++]!;
          r += rows[s]! * w;
          g += rows[s + 1]! * w;
          b += rows[s + 2]! * w;
        }
        tensor[o + rTo] = lr[Math.min(255, r | 0)]!;
        tensor[o + gTo] = lg[Math.min(255, g | 0)]!;
        tensor[o + bTo] = lb[Math.min(255, b | 0)]!;
      }
    }
  }
}

/**
 * The NCHW copy reading 4 pixels (12 bytes) as three 32-bit words: a third of the loads of a byte loop. Needs a
 * 4-byte-aligned buffer and a width divisible by 4 (true for the usual camera widths); little-endian byte order.
 */
function copyWords(
  src: Buffer,
  w: number,
  h: number,
  at: number,
  rs: number,
  r: TensorData,
  g: TensorData,
  b: TensorData,
  map: ChannelMap,
): void {
  const u = new Uint32Array(src.buffer, src.byteOffset, (w * h * 3) >> 2);
  const [mr, mg, mb] = map.mul;
  const [ar, ag, ab] = map.add;
  let k = 0;
  for (let y = 0; y < h; y++) {
    const end = at + y * rs + w;
    for (let o = end - w; o < end; o += 4, k += 3) {
      const a0 = u[k]!;
      const a1 = u[k + 1]!;
      const a2 = u[k + 2]!;
      r[o] = (a0 & 255) * mr + ar;
      g[o] = ((a0 >>> 8) & 255) * mg + ag;
      b[o] = ((a0 >>> 16) & 255) * mb + ab;
      r[o + 1] = (a0 >>> 24) * mr + ar;
      g[o + 1] = (a1 & 255) * mg + ag;
      b[o + 1] = ((a1 >>> 8) & 255) * mb + ab;
      r[o + 2] = ((a1 >>> 16) & 255) * mr + ar;
      g[o + 2] = (a1 >>> 24) * mg + ag;
      b[o + 2] = (a2 & 255) * mb + ab;
      r[o + 3] = ((a2 >>> 8) & 255) * mr + ar;
      g[o + 3] = ((a2 >>> 16) & 255) * mg + ag;
      b[o + 3] = (a2 >>> 24) * mb + ab;
    }
  }
}
