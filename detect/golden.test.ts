/**
 * Golden tests: detections on the real photos against the reference detections that came with the models
 * (shared/models/*\/reference_detections.json, made with ffmpeg's bilinear resize). Skipped without ../shared.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../kernel/testing.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';
import { Detector } from './detector.ts';
import { loadModel } from './model.ts';
import { boxIou } from './associate.ts';
import { hasShared, manifestOnly, modelsDir, sharedModels, sharedPhotos } from './testing.ts';

interface RefDet {
  readonly cls: string;
  readonly score: number;
  readonly box: readonly [number, number, number, number];
}

interface Pair {
  readonly ref: RefDet;
  readonly ours: Detection;
  readonly iou: number;
}

const photos = [
  'detectron_street_cart_17790319373.jpg',
  'detectron_cyclists_33823288584.jpg',
  'detectron_city_traffic_19064748793.jpg',
  'urban_garbage_bags_frame273.jpg',
  'urban_garbage_bags_frame0.jpg',
];

function reference(model: string, key: string): Record<string, RefDet[]> {
  // Suites are collected even when skipped: without ../shared there is nothing to read (and nothing runs).
  if (!hasShared) return {};
  const all = JSON.parse(readFileSync(path.join(sharedModels, model, 'reference_detections.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const k = Object.keys(all).find((x) => x.startsWith(key));
  return all[k ?? ''] as Record<string, RefDet[]>;
}

/** Decode (and optionally resize) a photo with ffmpeg: exactly how the reference inputs were made. */
function ffmpegFrame(
  file: string,
  scale?: (w: number, h: number) => readonly [number, number],
): Frame & { full: readonly [number, number] } {
  const probe = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file])
    .toString()
    .trim();
  const [w0 = 0, h0 = 0] = probe.split(',').map(Number);
  const [w, h] = scale ? scale(w0, h0) : [w0, h0];
  const vf = scale ? ['-vf', `scale=${w}:${h}:flags=bilinear`] : [];
  const data = execFileSync('ffmpeg', ['-v', 'error', '-i', file, ...vf, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    maxBuffer: 1 << 28,
  });
  return { cameraId: 'golden', ts: 0, seq: 0, width: w, height: h, data, full: [w0, h0] };
}

/** Greedy same-label matching, best IoU first. */
function pair(
  ref: readonly RefDet[],
  ours: readonly Detection[],
): { pairs: Pair[]; unmatchedRef: RefDet[]; unmatchedOurs: Detection[] } {
  const cands: Pair[] = [];
  for (const r of ref) {
    for (const o of ours) {
      if (o.label !== r.cls) continue;
      const [x1, y1, x2, y2] = r.box;
      cands.push({ ref: r, ours: o, iou: boxIou(o.box, { x1, y1, x2, y2 }) });
    }
  }
  cands.sort((a, b) => b.iou - a.iou);
  const pairs: Pair[] = [];
  for (const c of cands) if (c.iou > 0.3 && !pairs.some((p) => p.ref === c.ref || p.ours === c.ours)) pairs.push(c);
  return {
    pairs,
    unmatchedRef: ref.filter((r) => !pairs.some((p) => p.ref === r)),
    unmatchedOurs: ours.filter((o) => !pairs.some((p) => p.ours === o)),
  };
}

const scaleBack = (d: Detection, f: number): Detection => ({
  ...d,
  box: { x1: d.box.x1 / f, y1: d.box.y1 / f, x2: d.box.x2 / f, y2: d.box.y2 / f },
});
const opened: Detector[] = [];
const open = async (dir: string, name: string): Promise<Detector> => {
  const d = await Detector.create(loadModel(dir, name), { executionProviders: ['cpu'], threads: 1 });
  opened.push(d);
  return d;
};
afterAll(async () => Promise.all(opened.map((d) => d.close())));

/** Said in the title when ../shared (models and photos) is absent and the golden tests are skipped. */
const absent = hasShared ? '' : ' — skipped: ../shared/models or ../shared/media/photos is absent';

describe.skipIf(!hasShared).each(['yolox-nano', 'yolox-nano-u8'])(
  `golden: %s 416 against reference_detections.json${absent}`,
  (model) => {
    const ref = reference('yolox-nano', 'yolox_nano.onnx @416x416');
    const fit = (w: number, h: number): readonly [number, number] => [
      Math.round(w * Math.min(416 / w, 416 / h)),
      Math.round(h * Math.min(416 / w, 416 / h)),
    ];

    it('ffmpeg-resized input: same detections, scores ±0.005, all IoU ≥ 0.9 (exact post-processing)', async () => {
      const d = await open(modelsDir, model);
      for (const photo of photos) {
        const f = ffmpegFrame(path.join(sharedPhotos, photo), fit);
        const [r] = await d.detect([f]);
        const ours = (r?.detections ?? []).map((x) => scaleBack(x, f.width / f.full[0]));
        const m = pair(ref[photo] ?? [], ours);
        expect(m.unmatchedRef, photo).toEqual([]);
        expect(
          m.unmatchedOurs.map((o) => o.label),
          photo,
        ).toEqual([]);
        for (const p of m.pairs) {
          expect(p.iou, `${photo} ${p.ref.cls} ${p.ref.score}`).toBeGreaterThanOrEqual(0.9);
          expect(Math.abs(p.ours.score - p.ref.score), `${photo} ${p.ref.cls}`).toBeLessThanOrEqual(0.005);
        }
      }
    });

    it('full-size frames resized by the detector (sharp): same labels, counts; IoU ≥ 0.9 for ≥ 90 %', async () => {
      const d = await open(modelsDir, model);
      const ious: number[] = [];
      for (const photo of photos) {
        const f = ffmpegFrame(path.join(sharedPhotos, photo));
        const [r] = await d.detect([f]);
        const m = pair(ref[photo] ?? [], r?.detections ?? []);
        expect(m.unmatchedRef, photo).toEqual([]);
        expect(
          m.unmatchedOurs.map((o) => o.label),
          photo,
        ).toEqual([]);
        for (const p of m.pairs)
          expect(Math.abs(p.ours.score - p.ref.score), `${photo} ${p.ref.cls}`).toBeLessThanOrEqual(0.02);
        ious.push(...m.pairs.map((p) => p.iou));
      }
      // The few exceptions are NMS ties: two same-class boxes within 0.002 in score swap places.
      expect(ious.filter((v) => v >= 0.9).length / ious.length).toBeGreaterThanOrEqual(0.9);
      expect(Math.min(...ious)).toBeGreaterThanOrEqual(0.7);
    });
  },
);

describe('the uint8-input graph (pixel conversion inside the graph)', () => {
  it.each([
    ['yolox-nano', 'yolox-nano-u8'],
    ['yolox-nano-dynamic', 'yolox-nano-dynamic-u8'],
  ])(
    '%s and %s give exactly the same detections for the same frames, at model width and resized',
    async (float, bytes) => {
      const [f32, u8] = [await open(modelsDir, float), await open(modelsDir, bytes)];
      const photo = path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg');
      const frames = [ffmpegFrame(photo, (w, h) => [416, Math.round((h * 416) / w)]), ffmpegFrame(photo)];
      for (const f of frames) {
        const [a] = await f32.detect([f]);
        const [b] = await u8.detect([f]);
        expect(a?.detections.length, `${f.width}x${f.height}`).toBeGreaterThan(0);
        expect(b?.detections, `${f.width}x${f.height}`).toEqual(a?.detections);
      }
    },
  );
});

describe.skipIf(!hasShared)(`golden: the dynamic-size graph${absent}`, () => {
  it('at a fixed 640x384 canvas it reproduces the 640x384 reference', async () => {
    const ref = reference('yolox-nano', 'yolox_nano_dynamic.onnx @640x384');
    const dir = manifestOnly('wide', {
      name: 'wide',
      file: path.join(modelsDir, 'yolox-nano-dynamic', 'yolox_nano_dynamic.onnx'),
      input: { name: 'images', width: 640, height: 384, colour: 'BGR', resize: 'letterbox' },
      output: { family: 'yolox', name: 'output' },
      classes: path.join(modelsDir, 'yolox-nano', 'coco80.txt'),
    });
    const d = await open(dir, 'wide');
    const fit = (w: number, h: number): readonly [number, number] => [
      Math.round(w * Math.min(640 / w, 384 / h)),
      Math.round(h * Math.min(640 / w, 384 / h)),
    ];
    for (const photo of photos) {
      const f = ffmpegFrame(path.join(sharedPhotos, photo), fit);
      const [r] = await d.detect([f]);
      const m = pair(
        ref[photo] ?? [],
        (r?.detections ?? []).map((x) => scaleBack(x, f.width / f.full[0])),
      );
      expect([m.unmatchedRef, m.unmatchedOurs.map((o) => o.label)], photo).toEqual([[], []]);
      for (const p of m.pairs) expect(p.iou).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('with the shrunk canvas (416x224 instead of 416x416) it finds what the 416 model finds', async () => {
    const ref = reference('yolox-nano', 'yolox_nano.onnx @416x416');
    const d = await open(modelsDir, 'yolox-nano-dynamic');
    for (const photo of photos) {
      const [r] = await d.detect([ffmpegFrame(path.join(sharedPhotos, photo))]);
      const m = pair(ref[photo] ?? [], r?.detections ?? []);
      expect([m.unmatchedRef, m.unmatchedOurs.map((o) => o.label)], photo).toEqual([[], []]);
      for (const p of m.pairs) expect(Math.abs(p.ours.score - p.ref.score)).toBeLessThanOrEqual(0.05);
    }
  });
});

describe.skipIf(!hasShared)('golden: picodet-nms family (PicoDet-XS read from ../shared, not shipped)', () => {
  it('stretch resize, RGB /255 + ImageNet mean/std, in-graph NMS: reproduces its reference', async () => {
    const ref = reference('picodet-xs-320', 'picodet_xs_320');
    const dir = manifestOnly('picodet', {
      name: 'picodet',
      file: path.join(sharedModels, 'picodet-xs-320', 'picodet_xs_320_lcnet_postprocessed.onnx'),
      input: {
        name: 'image',
        width: 320,
        height: 320,
        colour: 'RGB',
        scale: 1 / 255,
        mean: [0.485, 0.456, 0.406],
        std: [0.229, 0.224, 0.225],
        resize: 'stretch',
      },
      output: { family: 'picodet-nms', name: 'multiclass_nms3_0.tmp_0', scaleFactorInput: 'scale_factor' },
      classes: path.join(sharedModels, 'picodet-xs-320', 'coco80.txt'),
    });
    const d = await open(dir, 'picodet');
    for (const photo of photos) {
      const f = ffmpegFrame(path.join(sharedPhotos, photo), () => [320, 320]);
      // The graph maps boxes back with scale_factor; give it the original size by describing the frame's source.
      const [r] = await d.detect([f]);
      const sx = f.full[0] / 320;
      const sy = f.full[1] / 320;
      const ours = (r?.detections ?? []).map((x) => ({
        ...x,
        box: { x1: x.box.x1 * sx, y1: x.box.y1 * sy, x2: x.box.x2 * sx, y2: x.box.y2 * sy },
      }));
      const m = pair(ref[photo] ?? [], ours);
      expect([m.unmatchedRef, m.unmatchedOurs.map((o) => o.label)], photo).toEqual([[], []]);
      for (const p of m.pairs) expect(p.iou, `${photo} ${p.ref.cls}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
