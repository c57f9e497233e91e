/**
 * Precision run over every photo in ../shared/media/photos (read in place, never copied): the shipped detector and
 * the scene rules, as each photo would be seen by a camera. Prints a Markdown report (used in detect/rules/README.md).
 *   A. each photo looped as a still camera for 10 simulated minutes, with the whole frame as a no-vending zone and as a
 *      litter-watch zone (the worst case for false hits); hits are compared with the photo's labels / SOURCES.md;
 *   B. each labelled garbage bag cropped from its photo and put on the clean sidewalk of the cart photo (clean for
 *      30 s, then the bag): does the litter rule find it, and a real person walking through: does it stay silent?
 * Run: npx tsx detect/rules/precision.ts [photosDir]
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../../kernel/testing.ts';
import type { Box, Detection, Frame } from '../../kernel/types/index.ts';
import { readImageFrame } from '../../ingest/image.ts';
import { Detector } from '../detector.ts';
import { loadModel } from '../model.ts';
import { coveredBy, intersection } from './geometry.ts';
import { greyDownscale } from './grey.ts';
import type { HitChange } from './observation.ts';
import { createRunner } from './runner.ts';
import { CART_PHOTO, CART_SIDEWALK, composeFrame, cropRel, personCrop, yoloBoxes } from './scenes.ts';
import { resolveZone } from './zones.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const WHOLE: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

type Detect = (f: Frame) => Promise<readonly Detection[]>;

/** Run one camera's zones over `frames(t)` for `seconds`, one frame every `step` s; returns the hit starts. */
async function runCamera(
  kinds: readonly ('no-vending' | 'litter-watch')[],
  polygon: readonly (readonly [number, number])[],
  seconds: number,
  step: number,
  frames: (t: number) => Frame,
  detect: Detect,
): Promise<HitChange[]> {
  const runners = kinds.map((kind) =>
    createRunner(
      resolveZone(
        {
          id: kind,
          camera: 'p',
          kind,
          polygon: polygon.map(([x, y]) => [x, y] as [number, number]),
          dwellSeconds: 60,
          clearSeconds: 30,
        },
        { timezone: 'Asia/Shanghai' },
      ),
    ),
  );
  const starts: HitChange[] = [];
  for (let t = 0; t < seconds; t += step) {
    const frame = frames(t);
    const detections = await detect(frame);
    const now = T0 + t * 1000;
    let grey: ReturnType<typeof greyDownscale> | undefined;
    const ctx = {
      frame: { ...frame, ts: now },
      detections,
      seen: detections,
      tracks: [],
      detected: true,
      now,
      grey: () => (grey ??= greyDownscale(frame)),
    };
    for (const r of runners) starts.push(...r.step(ctx).filter((c) => c.phase === 'start'));
  }
  return starts;
}

const fmt = (b: Box): string => `${b.x1.toFixed(2)},${b.y1.toFixed(2)}–${b.x2.toFixed(2)},${b.y2.toFixed(2)}`;
const describe = (h: HitChange): string =>
  `${h.hit.rule} [${h.hit.boxes.map((b) => `${b.label} ${b.score.toFixed(2)}`).join(', ') || 'static object'}] at ` +
  `${fmt(h.hit.region)}`;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? path.join(sharedDir, 'media', 'photos');
  if (!existsSync(dir)) throw new Error(`${dir} not found`);
  const detector = await Detector.create(loadModel(path.resolve(import.meta.dirname, '../../models'), 'yolox-nano'), {
    executionProviders: ['cpu'],
    threads: 1,
  });
  const cache = new WeakMap<Frame, readonly Detection[]>();
  const detect: Detect = async (f) => {
    let d = cache.get(f);
    if (!d) {
      d = (await detector.detect([f]))[0]!.detections;
      cache.set(f, d);
    }
    return d;
  };
  const out: string[] = [
    '### A. Each photo as a still camera (whole frame = no-vending zone and litter-watch zone, dwell 60 s, 10 min)',
    '',
    '| photo | labelled bags | vending hits | litter hits | labelled bags found |',
    '|---|---|---|---|---|',
  ];
  const photos = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  for (const file of photos) {
    const frame = await readImageFrame(path.join(dir, file), { cameraId: 'p' });
    const labelFile = path.join(dir, 'labels', file.replace(/\.jpg$/, '.txt'));
    const labels = existsSync(labelFile) ? yoloBoxes(labelFile) : [];
    const starts = await runCamera(['no-vending', 'litter-watch'], WHOLE, 600, 2, () => frame, detect);
    const vend = starts.filter((s) => s.hit.rule === 'vending');
    const lit = starts.filter((s) => s.hit.rule === 'litter');
    const found = labels.filter((b) => lit.some((h) => intersection(h.hit.region, b) > 0)).length;
    out.push(
      `| ${file} | ${labels.length} | ${vend.map(describe).join('; ') || '—'} | ` +
        `${lit.map(describe).join('; ') || '—'} ` +
        `| ${labels.length ? `${found} of ${labels.length}` : '—'} |`,
    );
  }

  out.push(
    '',
    '### B. Labelled bags appearing on a clean real sidewalk (cart photo, 640 px, litter-watch zone on its sidewalk, ' +
      'dwell 60 s)',
    '',
  );
  out.push('| bag (photo · box) | litter hit | hit region covers the bag |', '|---|---|---|');
  const meta = { cameraId: 'p', ts: 0, seq: 0 };
  const clean = await composeFrame(CART_PHOTO, 640, [], meta);
  let hits = 0;
  let total = 0;
  for (const file of photos.filter((f) => existsSync(path.join(dir, 'labels', f.replace(/\.jpg$/, '.txt'))))) {
    for (const [i, box] of yoloBoxes(path.join(dir, 'labels', file.replace(/\.jpg$/, '.txt'))).entries()) {
      const crop = await cropRel(path.join(dir, file), box, {
        width: 70,
        height: 55,
        stretchX: file.startsWith('malta') ? 4 / 3 : 1,
      });
      const at = { x: 0.02, y: 0.58 };
      const withBag = await composeFrame(CART_PHOTO, 640, [{ input: crop, ...at }], meta);
      const starts = await runCamera(
        ['litter-watch'],
        CART_SIDEWALK,
        180,
        1,
        (t) => (t < 30 ? clean : withBag),
        detect,
      );
      const placed: Box = { x1: at.x, y1: at.y, x2: at.x + 70 / 640, y2: at.y + 0.15 };
      const covers = starts.some((s) => coveredBy(s.hit.region, placed) > 0 || intersection(s.hit.region, placed) > 0);
      total++;
      if (starts.length > 0) hits++;
      out.push(
        `| ${file} · #${i + 1} | ${starts.length ? starts.map(describe).join('; ') : 'MISSED'} | ` +
          `${starts.length ? (covers ? 'yes' : 'no') : '—'} |`,
      );
    }
  }
  out.push('', `Found ${hits} of ${total} labelled bags.`, '');
  const person = await personCrop(60);
  const walkFrames: Frame[] = [];
  for (let i = 0; i < 12; i++)
    walkFrames.push(await composeFrame(CART_PHOTO, 640, [{ input: person, x: 0.012 * i, y: 0.3 + 0.03 * i }], meta));
  const walk = await runCamera(
    ['litter-watch'],
    CART_SIDEWALK,
    200,
    1,
    (t) => (t >= 20 && t < 68 ? walkFrames[Math.floor((t - 20) / 4)]! : clean),
    detect,
  );
  out.push(
    `Real person (boy from the cyclists photo) walking along the sidewalk: ` +
      `${walk.length === 0 ? 'no hit' : walk.map(describe).join('; ')}.`,
  );
  await detector.close();
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
