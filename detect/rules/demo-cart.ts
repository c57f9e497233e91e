/**
 * Builds demo/media/cart_demo_street.mp4, the street-cart demo camera: the public-domain cart photo with the cart
 * (and the two men at it) for 40 s, then the same street without them for 50 s; looped by the camera, so the cart
 * comes and goes every 90 s (a vending hit that starts, ends, and repeats; a camera re-check that can see it gone).
 * "Without them" is the photo with the cart's box filled row by row from the road on either side (a linear blend
 * of the pixels just left and right of the box; where the right side is the bright lane line, the left side alone).
 * Run: npx tsx detect/rules/demo-cart.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { runToEnd } from '../../ingest/clip.ts';
import { CART_PHOTO } from './scenes.ts';

export const CART_VIDEO = path.resolve(import.meta.dirname, '../../demo/media/cart_demo_street.mp4');
export const CART_SECONDS = 40;
export const EMPTY_SECONDS = 50;
/** The cart and the men at it, relative to the photo. */
export const CART_BOX = { x1: 0.31, y1: 0.335, x2: 0.565, y2: 0.845 } as const;

/** The cart photo with the cart painted out (PNG). */
export async function streetWithoutCart(): Promise<Buffer> {
  const { data, info } = await sharp(CART_PHOTO).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  const [x1, x2] = [Math.round(CART_BOX.x1 * w), Math.round(CART_BOX.x2 * w)];
  const [y1, y2] = [Math.round(CART_BOX.y1 * h), Math.round(CART_BOX.y2 * h)];
  const mean5 = (x0: number, y: number): number[] =>
    [0, 1, 2].map((c) => {
      let s = 0;
      for (let k = 0; k < 5; k++) s += data[(y * w + x0 + k) * 3 + c]!;
      return s / 5;
    });
  const lum = (p: number[]): number => (p[0]! + p[1]! + p[2]!) / 3;
  for (let y = y1; y < y2; y++) {
    const left = mean5(x1 - 6, y);
    const right0 = mean5(x2 + 1, y);
    const right = lum(right0) - lum(left) > 20 ? left : right0;
    for (let x = x1; x < x2; x++) {
      const f = (x - x1) / (x2 - x1);
      for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = Math.round(left[c]! * (1 - f) + right[c]! * f);
    }
  }
  return sharp(data, { raw: { width: w, height: h, channels: 3 } })
    .blur(0.6)
    .png()
    .toBuffer();
}

export async function buildCartVideo(out = CART_VIDEO): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-cart-'));
  try {
    const cartFile = path.join(dir, 'cart.png');
    const emptyFile = path.join(dir, 'empty.png');
    await sharp(CART_PHOTO).png().toFile(cartFile);
    await sharp(await streetWithoutCart()).toFile(emptyFile);
    const cmd = ffmpeg()
      .input(cartFile)
      .inputOptions(['-loop', '1', '-framerate', '5', '-t', String(CART_SECONDS)])
      .input(emptyFile)
      .inputOptions(['-loop', '1', '-framerate', '5', '-t', String(EMPTY_SECONDS)])
      .complexFilter(['[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]'])
      .output(out)
      .outputOptions(
        ['-map', '[v]', '-c:v', 'libx264', '-preset', 'slow', '-tune', 'stillimage', '-crf', '20', '-g', '100'].concat([
          '-threads',
          '1',
          '-movflags',
          '+faststart',
          '-an',
        ]),
      );
    await runToEnd(cmd);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void buildCartVideo().then((f) => process.stdout.write(`${f}\n`));
}
