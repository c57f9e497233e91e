/**
 * Vending false alarms on every still and clip in ../shared/media (read in place, never copied): each photo looped
 * as a still camera and each clip played as a camera (first frame held 60 s, clip at 1 fps, last frame held), with
 * the whole frame as a no-vending zone (the worst case), dwell 60 s, 10 simulated minutes. None of these scenes has
 * street vending except the demo's cart photo, which must still fire. Prints one Markdown row per set.
 * Run: npx tsx detect/rules/vending-alarms.ts
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../kernel/testing.ts';
import type { Detection, Frame } from '../../kernel/types/index.ts';
import { readImageFrame } from '../../ingest/image.ts';
import { Detector } from '../detector.ts';
import { loadModel } from '../model.ts';
import { footageDetections, footageFrames, mediaDir, play } from './footage.ts';

const MODEL = 'yolox-nano-u8';
const WHOLE: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];
const zone = { kind: 'no-vending' as const, polygon: WHOLE, dwellSeconds: 60, clearSeconds: 30 };

function starts(
  frames: readonly Frame[],
  dets: readonly (readonly Detection[])[],
  still: boolean,
  staticStalls = false,
): string[] {
  const hits = play(frames, dets, {
    zone: { ...zone, staticStalls },
    holdFirst: still ? 600 : 60,
    holdLast: still ? 0 : 540,
    step: still ? 2 : 1,
  });
  return hits
    .filter((h) => h.phase === 'start')
    .map((h) => h.hit.boxes.map((b) => `${b.label} ${b.score.toFixed(2)}`).join('+'));
}

async function main(): Promise<void> {
  const detector = await Detector.create(loadModel(path.join(repoRoot, 'models'), MODEL), {
    executionProviders: ['cpu'],
    threads: 1,
  });
  const rows: string[] = ['| set | scenes | with a vending hit | hits | what fired |', '|---|---|---|---|---|'];
  const report = (set: string, results: { name: string; hits: string[] }[]): void => {
    const fired = results.filter((r) => r.hits.length > 0);
    const what = fired.map((r) => `${r.name}: ${r.hits.join('; ')}`).join(' · ');
    const hits = fired.reduce((s, r) => s + r.hits.length, 0);
    rows.push(`| ${set} | ${results.length} | ${fired.length} | ${hits} | ${what || '—'} |`);
  };
  for (const set of ['photos-muenster-webcam', 'photos-amsterdam', 'photos']) {
    const dir = path.join(mediaDir, set);
    if (!existsSync(dir)) continue;
    const results: { name: string; hits: string[] }[] = [];
    for (const name of readdirSync(dir)
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort()) {
      const frame = await readImageFrame(path.join(dir, name), { cameraId: 'footage', ts: 0 });
      const dets = (await detector.detect([frame]))[0]!.detections;
      results.push({ name, hits: starts([frame], [dets], true) });
    }
    report(set, results);
  }
  const clips: { name: string; hits: string[] }[] = [];
  const clipsStatic: { name: string; hits: string[] }[] = [];
  for (const rel of [
    ...['neg_people_sitting_on_stairs.mp4', 'neg_people_standing_on_stairs.mp4', 'neg_people_gathering.mp4'],
    ...['neg_car_parks.mp4', 'pos_indoor_bag_dropped_tiny.gif'].map((f) => f),
  ]
    .map((f) => `videos-aod/${f}`)
    .concat(['videos/intel_car-detection_parkinglot_overhead.mp4'])) {
    const file = path.join(mediaDir, rel);
    if (!existsSync(file)) continue;
    const frames = await footageFrames(file);
    const dets = await footageDetections(file, frames, detector, MODEL);
    clips.push({ name: path.basename(rel), hits: starts(frames, dets, false) });
    clipsStatic.push({ name: path.basename(rel), hits: starts(frames, dets, false, true) });
  }
  report('clips (videos-aod, videos)', clips);
  report('clips, zone with staticStalls', clipsStatic);
  const still: { name: string; hits: string[] }[] = [];
  for (const name of readdirSync(path.join(mediaDir, 'stills-dumping')).filter((f) => /\.(jpe?g|png)$/i.test(f))) {
    const frame = await readImageFrame(path.join(mediaDir, 'stills-dumping', name), { cameraId: 'footage', ts: 0 });
    still.push({ name, hits: starts([frame], [(await detector.detect([frame]))[0]!.detections], true) });
  }
  report('stills-dumping', still);
  const cart = await readImageFrame(path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg'), {
    cameraId: 'footage',
    ts: 0,
  });
  report('demo cart photo (must fire)', [
    { name: 'cart', hits: starts([cart], [(await detector.detect([cart]))[0]!.detections], true) },
  ]);
  await detector.close();
  process.stdout.write(`${rows.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
