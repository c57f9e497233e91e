/**
 * Real footage for the rules' tests and measurements, read from ../shared in place (never copied into the repo):
 * clips decoded once at the analysis rate into a cache under the system temp directory (shared by test files and
 * runs), detections of the shipped model cached beside them, and timelines that play a clip as a camera would see
 * it — the first frame held while the background is learned, the clip, then the last frame held — through the
 * tracker and a zone's rule.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrackerConfig } from '../../kernel/config/models.ts';
import { trackerSchema } from '../../kernel/config/models.ts';
import type { ZoneConfig } from '../../kernel/config/schema.ts';
import { sharedDir } from '../../kernel/testing.ts';
import type { Detection, Frame } from '../../kernel/types/index.ts';
import { readImageFrame } from '../../ingest/image.ts';
import type { Detector } from '../detector.ts';
import { Tracker } from '../tracker.ts';
import { videoFrames } from '../video-frames.ts';
import { greyDownscale } from './grey.ts';
import type { HitChange } from './observation.ts';
import { createRunner, type RuleTuning } from './runner.ts';
import { resolveZone } from './zones.ts';

export const mediaDir = path.join(sharedDir, 'media');
export const hasFootage =
  existsSync(path.join(mediaDir, 'videos-aod')) && existsSync(path.join(mediaDir, 'stills-dumping'));
const cacheDir = path.join(os.tmpdir(), 'gridwatch-footage-cache');

function cacheKey(file: string, extra: string): string {
  const st = statSync(file);
  return createHash('sha1')
    .update(`${path.resolve(file)}|${st.size}|${st.mtimeMs}|${extra}`)
    .digest('hex')
    .slice(0, 16);
}

/** Write atomically (several test files may fill the cache at once). */
function writeAtomic(file: string, data: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Frames of a clip at `fps` (or one still image), decoded once and cached as raw RGB. */
export async function footageFrames(file: string, fps = 1): Promise<Frame[]> {
  if (/\.(png|jpe?g)$/i.test(file)) return [await readImageFrame(file, { cameraId: 'footage', ts: 0 })];
  const key = cacheKey(file, `fps${fps}`);
  const raw = path.join(cacheDir, `${key}.rgb`);
  const meta = path.join(cacheDir, `${key}.json`);
  if (existsSync(raw) && existsSync(meta)) {
    const { width, height, count } = JSON.parse(readFileSync(meta, 'utf8')) as Record<string, number>;
    const all = readFileSync(raw);
    const size = width! * height! * 3;
    return Array.from({ length: count! }, (_, i) => ({
      cameraId: 'footage',
      ts: Math.round((i * 1000) / fps),
      seq: i,
      width: width!,
      height: height!,
      data: all.subarray(i * size, (i + 1) * size),
    }));
  }
  const frames: Frame[] = [];
  for await (const f of videoFrames(file, { fps, cameraId: 'footage' }))
    frames.push({ ...f, data: Buffer.from(f.data) });
  const first = frames[0];
  if (!first) throw new Error(`${file}: no frames`);
  writeAtomic(raw, Buffer.concat(frames.map((f) => f.data)));
  writeAtomic(meta, JSON.stringify({ width: first.width, height: first.height, count: frames.length }));
  return frames;
}

/** The detector's output on each frame, cached per file, frame count and model. */
export async function footageDetections(
  file: string,
  frames: readonly Frame[],
  detector: Detector,
  model: string,
): Promise<Detection[][]> {
  const out = path.join(cacheDir, `${cacheKey(file, `${frames.length}|${model}`)}.dets.json`);
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')) as Detection[][];
  const dets: Detection[][] = [];
  for (const f of frames) dets.push([...(await detector.detect([f]))[0]!.detections]);
  writeAtomic(out, JSON.stringify(dets));
  return dets;
}

export interface PlayOptions {
  /** The zone (camera and id are filled in). */
  readonly zone: Omit<ZoneConfig, 'id' | 'camera'>;
  /** Seconds the first frame is shown before the clip (the background is learned), and the last after it. */
  readonly holdFirst: number;
  readonly holdLast: number;
  /** Seconds each clip frame stands for (1 / the analysis rate). */
  readonly step?: number;
  readonly tuning?: RuleTuning;
  readonly tracker?: Partial<TrackerConfig>;
}

export const T0 = Date.parse('2026-03-06T02:00:00Z');

/** Play frames (with their detections) through the tracker and one zone's rule; the hit changes with their second. */
export function play(
  frames: readonly Frame[],
  dets: readonly (readonly Detection[])[],
  o: PlayOptions,
): (HitChange & { at: number })[] {
  const step = o.step ?? 1;
  const zone = resolveZone({ id: 'z', camera: 'footage', ...o.zone }, { timezone: 'Asia/Shanghai' });
  const runner = createRunner(zone, o.tuning);
  const tracker = new Tracker('footage', trackerSchema.parse(o.tracker ?? {}));
  const order = [
    ...Array<number>(Math.round(o.holdFirst / step)).fill(0),
    ...frames.map((_, i) => i),
    ...Array<number>(Math.round(o.holdLast / step)).fill(frames.length - 1),
  ];
  const greys = new Map<number, ReturnType<typeof greyDownscale>>();
  const out: (HitChange & { at: number })[] = [];
  order.forEach((i, k) => {
    const now = T0 + k * step * 1000;
    const frame = frames[i]!;
    const detections = dets[i] ?? [];
    const tracks = tracker.update(detections, now);
    const ctx = {
      frame: { ...frame, ts: now },
      detections,
      seen: detections,
      tracks,
      detected: true,
      now,
      grey: () => greys.get(i) ?? greys.set(i, greyDownscale(frame)).get(i)!,
    };
    for (const c of runner.step(ctx)) out.push({ ...c, at: k * step });
  });
  return out;
}
