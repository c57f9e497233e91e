/**
 * Real-photo scenes for tests, the demo media and the precision run: a clean street photo, the same photo with a real
 * garbage bag composited onto its sidewalk, a real person crop walking past. Everything is built from real pixels
 * with sharp; nothing is drawn.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Frame } from '../../kernel/types/index.ts';
import { readImageFrame } from '../../ingest/image.ts';

const media = path.resolve(import.meta.dirname, '../../demo/media');
export const CART_PHOTO = path.join(media, 'detectron_street_cart_17790319373.jpg');
export const CYCLISTS_PHOTO = path.join(media, 'detectron_cyclists_33823288584.jpg');
export const TRAFFIC_PHOTO = path.join(media, 'detectron_city_traffic_19064748793.jpg');
export const BAGS_PHOTO = path.join(media, 'urban_garbage_bags_frame0.jpg');

/** The sidewalk of the cart photo (left edge, from the building line to the kerb), relative coordinates. */
export const CART_SIDEWALK: readonly (readonly [number, number])[] = [
  [0.0, 0.5],
  [0.17, 0.5],
  [0.2, 0.56],
  [0.12, 0.72],
  [0.06, 0.86],
  [0.0, 0.92],
];

/**
 * The litter demo camera: the left part of the cart photo (its sidewalk and kerb, a pedestrian), where a real black
 * garbage bag (cut out of the MIT garbage-bag photo) appears on the sidewalk.
 */
export const DEMO_CROP = { left: 0, top: 60, width: 540, height: 540 } as const;
export const DEMO_SIDEWALK: readonly (readonly [number, number])[] = [
  [0.0, 0.43],
  [0.36, 0.43],
  [0.36, 0.5],
  [0.2, 0.65],
  [0.08, 0.8],
  [0.0, 0.85],
];
export const DEMO_BAG = { x: 0.03, y: 0.52, width: 110 } as const;

export interface Overlay {
  readonly input: Buffer;
  /** Top-left corner, relative to the base image. */
  readonly x: number;
  readonly y: number;
}

/**
 * A black garbage bag cut out of `urban_garbage_bags_frame0.jpg` (MIT): its bluish-grey plastic keyed against the
 * reddish brick paving, the mask cleaned with a median filter. Returns RGBA PNG `width` pixels wide.
 */
export async function bagCutout(width: number): Promise<Buffer> {
  const { data, info } = await sharp(BAGS_PHOTO)
    .extract({ left: 880, top: 270, width: 250, height: 170 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const key = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const r = data[3 * i]!;
    const g = data[3 * i + 1]!;
    const b = data[3 * i + 2]!;
    key[i] = b - r >= 6 && b >= g - 6 ? 255 : 0;
  }
  const alpha = await sharp(key, { raw: { width: info.width, height: info.height, channels: 1 } })
    .median(5)
    .blur(1.2)
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const rgba = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) {
    rgba.set([data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!, alpha[i]!], 4 * i);
  }
  return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } })
    .resize({ width })
    .png()
    .toBuffer();
}

/**
 * A rectangular crop of a photo given a relative box (a labelled bag, a person), optionally fitted inside
 * `fit.width` × `fit.height` pixels; `stretchX` undoes a horizontal squash of the source (the Malta photos are 4:3
 * originals squeezed to a square: 4/3).
 */
export async function cropRel(
  file: string,
  box: { x1: number; y1: number; x2: number; y2: number },
  fit?: { width: number; height?: number; stretchX?: number },
): Promise<Buffer> {
  const meta = await sharp(file).metadata();
  const W = meta.width ?? 0;
  const H = meta.height ?? 0;
  const left = Math.max(0, Math.round(box.x1 * W));
  const top = Math.max(0, Math.round(box.y1 * H));
  const width = Math.min(W, Math.round(box.x2 * W)) - left;
  const height = Math.min(H, Math.round(box.y2 * H)) - top;
  const img = sharp(file).extract({ left, top, width, height });
  if (!fit) return img.png().toBuffer();
  const w = width * (fit.stretchX ?? 1);
  const k = Math.min(fit.width / w, (fit.height ?? Infinity) / height);
  return img
    .resize({ width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(height * k)), fit: 'fill' })
    .png()
    .toBuffer();
}

/** Boxes of a YOLO label file (class cx cy w h, normalised) as relative boxes. */
export function yoloBoxes(labelFile: string): { cls: number; x1: number; y1: number; x2: number; y2: number }[] {
  return readFileSync(labelFile, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((v) => v.length === 5 && v.every(Number.isFinite))
    .map(([cls, cx, cy, w, h]) => ({
      cls: cls!,
      x1: cx! - w! / 2,
      y1: cy! - h! / 2,
      x2: cx! + w! / 2,
      y2: cy! + h! / 2,
    }));
}

/** The real boy in the cyclists photo (public domain), as a crop. */
export function personCrop(width: number): Promise<Buffer> {
  return cropRel(CYCLISTS_PHOTO, { x1: 0.16, y1: 0.39, x2: 0.37, y2: 0.99 }, { width });
}

/** `base` resized to `width`, with overlays, as an RGB frame. */
export async function composeFrame(
  base: string,
  width: number,
  overlays: readonly Overlay[],
  frame: { cameraId: string; ts: number; seq: number },
): Promise<Frame> {
  const resized = await sharp(base).resize({ width }).png().toBuffer();
  const meta = await sharp(resized).metadata();
  const height = meta.height ?? 0;
  const composite = overlays.map((o) => ({
    input: o.input,
    left: Math.round(o.x * width),
    top: Math.round(o.y * height),
  }));
  const png = composite.length > 0 ? await sharp(resized).composite(composite).png().toBuffer() : resized;
  return readImageFrame(png, frame);
}

/** The same frame with every pixel scaled (a light change). */
export function scaleBrightness(f: Frame, k: number): Frame {
  const data = Buffer.alloc(f.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.round(f.data[i]! * k));
  return { ...f, data };
}
