import { describe, expect, it } from 'vitest';
import { bestClass, Candidates } from './decode/candidates.ts';
import { createDecoder } from './decode/index.ts';
import { nms } from './nms.ts';

const ctx = { slot: 0, width: 64, height: 64, scoreThreshold: 0.3, numClasses: 2 };
const one = (name: string, data: number[], dims: number[]): Map<string, { data: Float32Array; dims: number[] }> =>
  new Map([[name, { data: Float32Array.from(data), dims }]]);

describe('decoders', () => {
  it('yolox: grid decoding per stride, score = obj × best class', () => {
    // 64x64 with strides 32 → 2x2 = 4 rows; row 3 is cell (gx 1, gy 1).
    const rows = [
      0,
      0,
      0,
      0,
      0.1,
      0.9,
      0.1,
      0,
      0,
      0,
      0,
      0.2,
      0.9,
      0.1,
      0,
      0,
      0,
      0,
      0.05,
      0.1,
      0.1,
      0.5,
      0.25,
      Math.log(2),
      Math.log(0.5),
      0.8,
      0.1,
      0.75,
    ];
    const c = new Candidates();
    createDecoder({ family: 'yolox', name: 'output', strides: [32], decoded: false }).decode(
      one('output', rows, [1, 4, 7]),
      ctx,
      c,
    );
    expect(c.count).toBe(1);
    expect(c.cls[0]).toBe(1);
    expect(c.score[0]).toBeCloseTo(0.6);
    // cx = (0.5 + 1)·32 = 48, cy = (0.25 + 1)·32 = 40, w = 2·32 = 64, h = 0.5·32 = 16
    expect([c.x1[0], c.y1[0], c.x2[0], c.y2[0]]).toEqual([16, 32, 80, 48]);
  });

  it('picks the best class of a row, 0 with probability 0 when none is above 0', () => {
    const d = Float32Array.from([9, 9, 9, 9, 0.8, 0.1, 0.7, 0.7, 0.3, -1, 0, -0.5]);
    expect(bestClass(d, 5, 4)).toEqual({ cls: 1, p: expect.closeTo(0.7, 6) }); // the first of equal best
    expect(bestClass(d, 9, 3)).toEqual({ cls: 0, p: 0 });
  });

  it('yolox: says when the row count does not fit the input size and strides', () => {
    const d = createDecoder({ family: 'yolox', name: 'output', strides: [8, 16, 32], decoded: false });
    expect(() => d.decode(one('output', new Array(7 * 4).fill(0), [1, 4, 7]), ctx, new Candidates())).toThrow(
      /has 4 rows, expected 84 for 64x64/,
    );
  });

  it('yolov5 rows and yolov8 columns', () => {
    const v5 = new Candidates();
    createDecoder({ family: 'yolov5', name: 'o' }).decode(
      one('o', [32, 32, 10, 20, 0.9, 0.2, 0.8, 5, 5, 2, 2, 0.1, 0.9, 0.9], [1, 2, 7]),
      ctx,
      v5,
    );
    expect([v5.count, v5.cls[0], v5.x1[0], v5.y2[0]]).toEqual([1, 1, 27, 42]);
    expect(v5.score[0]).toBeCloseTo(0.72);
    // [1, 4+2, 3]: anchors as columns.
    const cols = [10, 20, 30, 10, 20, 30, 4, 4, 4, 4, 4, 4, 0.1, 0.7, 0.2, 0.2, 0.1, 0.6];
    const v8 = new Candidates();
    createDecoder({ family: 'yolov8', name: 'o' }).decode(one('o', cols, [1, 6, 3]), ctx, v8);
    expect(v8.count).toBe(2);
    expect([v8.cls[0], v8.x1[0], v8.cls[1], v8.x1[1]]).toEqual([0, 18, 1, 28]);
  });

  it('picodet-nms: [K, 6] rows, low scores dropped, class ids checked', () => {
    const c = new Candidates();
    const rows = [1, 0.8, 1, 2, 3, 4, 0, 0.1, 0, 0, 1, 1, 7, 0.9, 0, 0, 1, 1];
    createDecoder({ family: 'picodet-nms', name: 'o', scaleFactorInput: 'scale_factor' }).decode(
      one('o', rows, [3, 6]),
      ctx,
      c,
    );
    expect([c.count, c.cls[0], c.x2[0]]).toEqual([1, 1, 3]);
  });
});

describe('nms', () => {
  it('suppresses overlapping boxes of the same class only, best first', () => {
    const c = new Candidates();
    c.push(0, 0, 10, 10, 0.6, 0);
    c.push(1, 1, 11, 11, 0.9, 0); // overlaps the first, better
    c.push(1, 1, 11, 11, 0.5, 1); // same place, other class: kept
    c.push(50, 50, 60, 60, 0.4, 0); // elsewhere: kept
    for (let i = 0; i < 300; i++) c.push(100 + i * 20, 0, 110 + i * 20, 10, 0.35, 0); // grows the arrays
    const keep = nms(c, 0.45);
    expect(keep.slice(0, 3)).toEqual([1, 2, 3]);
    expect(keep).not.toContain(0);
    expect(nms(c, 0.45, 5)).toHaveLength(5);
  });
});
