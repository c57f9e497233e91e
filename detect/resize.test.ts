import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../kernel/testing.ts';
import { readImageFrame } from '../ingest/image.ts';
import { Preprocessor } from './preprocess.ts';
import { isIdentity, resizeTable } from './resize.ts';

describe('resizeTable', () => {
  it('is the identity for equal sizes and sums every row to 1', () => {
    expect(isIdentity(resizeTable(416, 416))).toBe(true);
    for (const [src, dst] of [
      [1116, 416],
      [640, 416],
      [300, 416],
      [7, 3],
      [1, 5],
    ] as const) {
      const t = resizeTable(src, dst);
      for (let i = 0; i < dst; i++) {
        let sum = 0;
        for (let k = 0; k < t.taps; k++) sum += t.weights[i * t.taps + k]!;
        expect(sum).toBeCloseTo(1, 5);
        expect(t.start[i]! + t.taps).toBeLessThanOrEqual(src);
      }
    }
  });

  it('widens the triangle with the shrink factor (no aliasing) and is plain bilinear when enlarging', () => {
    expect(resizeTable(1000, 100).taps).toBeGreaterThanOrEqual(19);
    expect(resizeTable(100, 300).taps).toBeLessThanOrEqual(3);
    expect(() => resizeTable(0, 10)).toThrow(/sizes must be ≥ 1/);
  });

  it("matches ffmpeg's bilinear scaler on a real photo (mean |Δ| < 0.5 grey level)", async () => {
    const file = path.join(repoRoot, 'demo/media/detectron_cyclists_33823288584.jpg');
    const frame = await readImageFrame(file);
    const [w, h] = [416, Math.round((frame.height * 416) / frame.width)];
    const ref = execFileSync(
      'ffmpeg',
      [
        '-v',
        'error',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${frame.width}x${frame.height}`,
        '-i',
        '-',
        '-vf',
        `scale=${w}:${h}:flags=bilinear`,
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-',
      ],
      { input: frame.data, maxBuffer: 1 << 26 },
    );
    const pre = new Preprocessor({
      name: 'x',
      width: w,
      height: h,
      dtype: 'float32',
      layout: 'NHWC',
      colour: 'RGB',
      scale: 1,
      mean: [0, 0, 0],
      std: [1, 1, 1],
      resize: 'letterbox',
      align: 'top-left',
      pad: 114,
      maxBatch: 1,
    });
    pre.write(frame);
    let diff = 0;
    for (let i = 0; i < ref.length; i++) diff += Math.abs(pre.tensor[i]! - ref[i]!);
    expect(diff / ref.length).toBeLessThan(0.5);
    // A one-pixel shift would be far worse: the comparison can tell.
    let shifted = 0;
    for (let i = 3; i < ref.length; i++) shifted += Math.abs(pre.tensor[i]! - ref[i - 3]!);
    expect(shifted / ref.length).toBeGreaterThan(3);
  });
});
