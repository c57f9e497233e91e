import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageFrame } from '../ingest/image.ts';
import { repoRoot } from '../kernel/testing.ts';
import { Detector } from './detector.ts';
import { FrameFitter } from './fit.ts';
import { placement } from './letterbox.ts';
import { loadModel } from './model.ts';
import { modelsDir } from './testing.ts';

const photo = path.join(repoRoot, 'demo/media/detectron_cyclists_33823288584.jpg');
const input = loadModel(modelsDir, 'yolox-nano-u8').manifest.input;

describe('FrameFitter', () => {
  it("resizes with sharp to the letterboxed size, close to ffmpeg's bilinear scaler", async () => {
    const frame = await readImageFrame(photo);
    const p = placement(frame.width, frame.height, input);
    const out = await new FrameFitter().fit(frame, p);
    expect([out.width, out.height, out.data.length]).toEqual([p.width, p.height, p.width * p.height * 3]);
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
        `scale=${p.width}:${p.height}:flags=bilinear`,
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-',
      ],
      { input: frame.data, maxBuffer: 1 << 26 },
    );
    let diff = 0;
    for (let i = 0; i < ref.length; i++) diff += Math.abs(out.data[i]! - ref[i]!);
    expect(diff / ref.length).toBeLessThan(0.5);
  });

  it('passes a frame already at that size through untouched', async () => {
    const frame = await readImageFrame(photo, { width: 416 });
    const p = placement(frame.width, frame.height, input);
    expect(await new FrameFitter().fit(frame, p)).toBe(frame);
  });

  it('falls back to the Preprocessor resize when sharp fails, counts it, and detects the same objects', async () => {
    const model = loadModel(modelsDir, 'yolox-nano-u8');
    const failing = await Detector.create(model, {
      executionProviders: ['cpu'],
      threads: 1,
      resizer: () => Promise.reject(new Error('no libvips')),
    });
    const normal = await Detector.create(model, { executionProviders: ['cpu'], threads: 1 });
    try {
      const frame = await readImageFrame(photo);
      const [a] = await failing.detect([frame]);
      const [b] = await normal.detect([frame]);
      expect(failing.resizeFallbacks).toBe(1);
      expect(normal.resizeFallbacks).toBe(0);
      // → health: resizeFallbacks
      expect([a?.timing.resizeFallback, b?.timing.resizeFallback]).toEqual([true, undefined]);
      expect(a?.detections.map((d) => d.label).sort()).toEqual(b?.detections.map((d) => d.label).sort());
      expect(a?.detections.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([failing.close(), normal.close()]);
    }
  });

  it('starts resizing when a request is prepared, before the detector is free to run it', async () => {
    const started: number[] = [];
    const d = await Detector.create(loadModel(modelsDir, 'yolox-nano-u8'), {
      executionProviders: ['cpu'],
      threads: 1,
      resizer: async (f, w, h) => {
        started.push(f.seq);
        return (await readImageFrame(photo, { width: w, height: h })).data;
      },
    });
    try {
      const frame = { ...(await readImageFrame(photo)), seq: 7 };
      const prepared = d.prepare([frame]);
      expect(started).toEqual([7]); // already under way, nothing awaited yet
      const [r] = await d.detectPrepared(prepared);
      expect(r?.detections.length).toBeGreaterThan(0);
      expect(r?.detections.every((x) => x.box.x2 <= frame.width && x.box.y2 <= frame.height)).toBe(true);
      expect(Math.max(...(r?.detections.map((x) => x.box.x2) ?? []))).toBeGreaterThan(416); // mapped back to full size
    } finally {
      await d.close();
    }
  });
});
