import { describe, expect, it } from 'vitest';
import { placement, toFrameBox } from './letterbox.ts';
import type { ModelInput } from './manifest.ts';
import { Preprocessor } from './preprocess.ts';
import { solidFrame } from './testing.ts';

const yolox: ModelInput = {
  name: 'images',
  width: 416,
  height: 416,
  dtype: 'float32',
  layout: 'NCHW',
  colour: 'BGR',
  scale: 1,
  mean: [0, 0, 0],
  std: [1, 1, 1],
  resize: 'letterbox',
  align: 'top-left',
  pad: 114,
  maxBatch: 1,
};
const at = (t: ArrayLike<number>, c: number, x: number, y: number, w = 416, h = 416): number =>
  t[c * w * h + y * w + x]!;

describe('placement', () => {
  it('letterboxes top-left with r = min(W/w, H/h) and maps boxes back', () => {
    const p = placement(1116, 600, yolox);
    expect(p).toMatchObject({ width: 416, height: 224, dx: 0, dy: 0, canvasWidth: 416, canvasHeight: 416 });
    expect(p.scaleX).toBeCloseTo(416 / 1116);
    const b = toFrameBox(p, 41.6, 20.8, 416, 500);
    expect(b.x1).toBeCloseTo(111.6);
    expect(b.y1).toBeCloseTo(55.8);
    expect([b.x2, b.y2]).toEqual([1116, 600]); // clipped to the frame
  });

  it('centres when asked, stretches when asked, and shrinks a dynamic canvas to a multiple', () => {
    expect(placement(640, 360, { ...yolox, align: 'center' })).toMatchObject({
      width: 416,
      height: 234,
      dx: 0,
      dy: 91,
    });
    expect(placement(640, 360, { ...yolox, resize: 'stretch' })).toMatchObject({
      width: 416,
      height: 416,
      scaleY: 416 / 360,
    });
    expect(placement(640, 360, { ...yolox, dynamic: { multiple: 32 } })).toMatchObject({
      canvasWidth: 416,
      canvasHeight: 256,
      height: 234,
    });
    expect(placement(360, 640, { ...yolox, dynamic: { multiple: 32 } })).toMatchObject({
      canvasWidth: 256,
      canvasHeight: 416,
      width: 234,
    });
  });
});

describe('Preprocessor', () => {
  it('writes BGR planes of raw 0..255 values and pads with 114', () => {
    const pre = new Preprocessor(yolox);
    const p = pre.write(solidFrame(832, 468, [10, 20, 30]));
    expect([p.width, p.height]).toEqual([416, 234]);
    expect([at(pre.tensor, 0, 5, 5), at(pre.tensor, 1, 5, 5), at(pre.tensor, 2, 5, 5)]).toEqual([30, 20, 10]);
    expect([at(pre.tensor, 0, 5, 300), at(pre.tensor, 2, 415, 415)]).toEqual([114, 114]);
  });

  it('normalises RGB with scale, mean and std, in NHWC too', () => {
    const input: ModelInput = {
      ...yolox,
      width: 32,
      height: 32,
      colour: 'RGB',
      layout: 'NHWC',
      scale: 1 / 255,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.25, 0.5],
    };
    const pre = new Preprocessor(input);
    pre.write(solidFrame(32, 16, [255, 0, 51]));
    expect(pre.tensor[0]).toBeCloseTo(1);
    expect(pre.tensor[1]).toBeCloseTo(-2);
    expect(pre.tensor[2]).toBeCloseTo(-0.6);
    expect(pre.tensor[(20 * 32 + 3) * 3]).toBeCloseTo((114 / 255 - 0.5) / 0.5); // padding row
  });

  it('gives the same tensor for a frame already at model size as for one resized to it', () => {
    const big = solidFrame(832, 468, [200, 100, 50], {
      rect: { box: { x1: 100, y1: 100, x2: 300, y2: 200 }, rgb: [0, 255, 0] },
    });
    const small = solidFrame(416, 234, [200, 100, 50], {
      rect: { box: { x1: 50, y1: 50, x2: 150, y2: 100 }, rgb: [0, 255, 0] },
    });
    const a = new Preprocessor(yolox);
    const b = new Preprocessor(yolox);
    a.write(big);
    b.write(small);
    // Inside uniform regions the resampled and copied tensors agree exactly.
    for (const [x, y] of [
      [10, 10],
      [100, 75],
      [300, 200],
    ] as const)
      for (let c = 0; c < 3; c++) expect(at(a.tensor, c, x, y)).toBe(at(b.tensor, c, x, y));
  });

  it('copies a frame the same way from aligned and unaligned buffers (word and byte paths)', () => {
    const f = solidFrame(416, 234, [0, 0, 0]);
    for (let i = 0; i < f.data.length; i++) f.data[i] = (i * 7919) & 255;
    const unaligned = Buffer.alloc(f.data.length + 1);
    f.data.copy(unaligned, 1);
    const a = new Preprocessor(yolox);
    const b = new Preprocessor(yolox);
    a.write(f);
    b.write({ ...f, data: unaligned.subarray(1) });
    expect(a.tensor).toEqual(b.tensor);
    expect([at(a.tensor, 0, 1, 0), at(a.tensor, 1, 1, 0), at(a.tensor, 2, 1, 0)]).toEqual([
      f.data[5],
      f.data[4],
      f.data[3],
    ]);
  });

  it('re-pads when a slot changes frame size and rejects a short buffer', () => {
    const pre = new Preprocessor(yolox);
    pre.write(solidFrame(416, 416, [1, 1, 1]));
    pre.write(solidFrame(416, 200, [1, 1, 1]));
    expect(at(pre.tensor, 0, 10, 300)).toBe(114);
    expect(() => pre.write({ ...solidFrame(10, 10, [0, 0, 0]), data: Buffer.alloc(5) })).toThrow(
      /5 bytes is less than 10x10 RGB24/,
    );
  });

  it('copies a uint8 NHWC RGB input byte for byte and pads with the pad value', () => {
    const u8: ModelInput = { ...yolox, dtype: 'uint8', layout: 'NHWC', colour: 'RGB' };
    const f = solidFrame(416, 234, [0, 0, 0]);
    for (let i = 0; i < f.data.length; i++) f.data[i] = (i * 7919) & 255;
    const pre = new Preprocessor(u8);
    const p = pre.write(f);
    expect(pre.tensor).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(pre.tensor.subarray(0, f.data.length)), f.data)).toBe(0);
    expect(pre.tensor[416 * 300 * 3 + 5]).toBe(114);
    expect(pre.view(1, p)).toHaveLength(416 * 416 * 3);
    // Centred and narrower than the canvas: row by row at the offset.
    const c = new Preprocessor({ ...u8, align: 'center' });
    const portrait = solidFrame(234, 416, [9, 8, 7]);
    const q = c.write(portrait);
    expect(q.dx).toBe(91);
    const px = (x: number, y: number): number[] =>
      Array.from(c.tensor.subarray((y * 416 + x) * 3, (y * 416 + x) * 3 + 3));
    expect([px(90, 10), px(91, 10), px(324, 415), px(325, 415)]).toEqual([
      [114, 114, 114],
      [9, 8, 7],
      [9, 8, 7],
      [114, 114, 114],
    ]);
  });

  it('writes uint8 through the resize path and the generic layouts the same values as float32', () => {
    const big = solidFrame(832, 468, [200, 100, 50], {
      rect: { box: { x1: 100, y1: 100, x2: 300, y2: 200 }, rgb: [0, 255, 0] },
    });
    for (const layout of ['NHWC', 'NCHW'] as const) {
      const f = new Preprocessor({ ...yolox, layout });
      const u = new Preprocessor({ ...yolox, layout, dtype: 'uint8' });
      f.write(big);
      u.write(big);
      expect(Array.from(u.tensor)).toEqual(Array.from(f.tensor));
    }
  });
});
