/**
 * Bring your own model: a city's detector with custom classes (YOLOv8/11-style output `[1, 4+nc, N]`) plugs in
 * through a manifest that maps its classes to concepts. The model is built here (detect/onnx-writer.ts: a real ONNX
 * graph onnxruntime runs) with two classes, garbage_bag and stall, and known boxes; the shipped models go through the
 * same manifest path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../kernel/testing.ts';
import type { Detection } from '../kernel/types/index.ts';
import { Detector } from './detector.ts';
import { loadModel } from './model.ts';
import { yolov8StyleModel } from './onnx-writer.ts';
import { greyDownscale } from './rules/grey.ts';
import { createRunner } from './rules/runner.ts';
import { resolveZone } from './rules/zones.ts';
import { modelsDir, solidFrame } from './testing.ts';

// columns: cx, cy, w, h (canvas pixels of the 64×64 input), then the scores of garbage_bag and stall
const COLUMNS = [
  [20, 40, 16, 12, 0.9, 0.05],
  [44, 36, 12, 24, 0.1, 0.8],
  [10, 10, 4, 4, 0.1, 0.1],
];

function cityModel(): string {
  const dir = tempDir('gw-city-model-');
  const m = path.join(dir, 'city-street');
  mkdirSync(m);
  writeFileSync(path.join(m, 'city-street.onnx'), yolov8StyleModel(64, 2, COLUMNS));
  writeFileSync(path.join(m, 'classes.txt'), 'garbage_bag\nstall\n');
  writeFileSync(path.join(m, 'LICENSE.md'), 'test model, built by the test\n');
  writeFileSync(
    path.join(m, 'manifest.yaml'),
    stringify({
      name: 'city-street',
      file: 'city-street.onnx',
      licence: 'LICENSE.md',
      input: {
        name: 'images',
        width: 64,
        height: 64,
        layout: 'NCHW',
        colour: 'RGB',
        scale: 1 / 255,
        resize: 'letterbox',
        align: 'center',
      },
      output: { family: 'yolov8', name: 'output0' },
      classes: 'classes.txt',
      thresholds: { score: 0.3, nms: 0.45 },
      concepts: { 'litter-like': ['garbage_bag'], 'stall-like': ['stall'] },
    }),
  );
  return dir;
}

describe('a custom-class model through its manifest', () => {
  const dir = cityModel();
  let detector: Detector;
  let dets: readonly Detection[];
  // 128×64: letterboxed into 64×64 at scale ½, centred (16 px of padding above and below)
  const frame = solidFrame(128, 64, [90, 90, 90]);

  beforeAll(async () => {
    detector = await Detector.create(loadModel(dir, 'city-street'), { executionProviders: ['cpu'], threads: 1 });
    dets = (await detector.detect([frame]))[0]!.detections;
  });
  afterAll(() => detector?.close());

  it('decodes [1, 4+nc, N], names the classes, maps them to concepts and boxes back to the frame', () => {
    const byLabel = Object.fromEntries(dets.map((d) => [d.label, d]));
    expect(dets).toHaveLength(2);
    expect(byLabel.garbage_bag).toMatchObject({ classId: 0, concepts: ['litter-like'] });
    expect(byLabel.garbage_bag!.score).toBeCloseTo(0.9, 5);
    expect(byLabel.garbage_bag!.box).toEqual({ x1: 24, y1: 36, x2: 56, y2: 60 });
    expect(byLabel.stall).toMatchObject({ classId: 1, concepts: ['stall-like'] });
    expect(byLabel.stall!.box).toEqual({ x1: 76, y1: 16, x2: 100, y2: 64 });
  });

  it('the litter rule takes its garbage_bag as a finding: one hit after the dwell', () => {
    const zone = resolveZone(
      {
        id: 'walk',
        camera: 'cam',
        kind: 'litter-watch',
        polygon: [
          [0, 0.3],
          [1, 0.3],
          [1, 1],
          [0, 1],
        ],
        dwellSeconds: 30,
      },
      { timezone: 'Asia/Shanghai' },
    );
    const runner = createRunner(zone);
    const grey = greyDownscale(frame);
    const starts = [];
    for (let t = 0; t < 60; t++) {
      const now = 1_700_000_000_000 + t * 1000;
      const ctx = {
        frame: { ...frame, ts: now },
        detections: dets,
        seen: dets,
        tracks: [],
        detected: true,
        now,
        grey: () => grey,
      };
      starts.push(...runner.step(ctx).filter((c) => c.phase === 'start'));
    }
    expect(starts).toHaveLength(1);
    expect(starts[0]!.hit.boxes.map((b) => b.label)).toEqual(['garbage_bag']);
  });

  it('`gridwatch detect` checks it: the classes by name in its JSON', async () => {
    const photo = path.join(tempDir('gw-city-photo-'), 'frame.png');
    const sharp = (await import('sharp')).default;
    await sharp(frame.data, { raw: { width: 128, height: 64, channels: 3 } })
      .png()
      .toFile(photo);
    const r = await runCli(['detect', photo, '--models', dir, '--model', 'city-street', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { label: string; box: number[] }[];
    expect(out.map((d) => d.label).sort()).toEqual(['garbage_bag', 'stall']);
  });

  it('the shipped models go through the same manifest path (concepts from their class names)', () => {
    for (const name of ['yolox-nano', 'yolox-nano-u8', 'yolox-nano-dynamic', 'yolox-nano-dynamic-u8']) {
      const m = loadModel(modelsDir, name);
      const of = (cls: string) => m.conceptsByClass[m.classNames.indexOf(cls)];
      expect(m.classNames).toHaveLength(80);
      expect(of('person')).toEqual(['person']);
      expect(of('umbrella')).toEqual(['stall-like']);
      expect(of('car')).toEqual(['vehicle']);
      expect(of('backpack')).toEqual(['bag-like']);
    }
  });
});
