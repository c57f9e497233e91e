/**
 * Builds demo/media/litter_demo_sidewalk.mp4, the litter demo camera: a real street (the public-domain cart photo,
 * cropped to its sidewalk) clean for 20 s, then with a real garbage bag (cut out of the MIT garbage-bag photo) on the
 * sidewalk for 280 s; looped by the camera, so each loop the bag is "removed" and "dumped" again.
 * Run: npx tsx detect/rules/demo-media.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { runToEnd } from '../../ingest/clip.ts';
import { bagCutout, CART_PHOTO, DEMO_BAG, DEMO_CROP } from './scenes.ts';

export const DEMO_VIDEO = path.resolve(import.meta.dirname, '../../demo/media/litter_demo_sidewalk.mp4');
export const CLEAN_SECONDS = 20;
export const BAG_SECONDS = 280;

export async function buildDemoVideo(out = DEMO_VIDEO): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-demo-'));
  try {
    const clean = await sharp(CART_PHOTO).extract(DEMO_CROP).png().toBuffer();
    const bag = await bagCutout(DEMO_BAG.width);
    const cleanFile = path.join(dir, 'clean.png');
    const bagFile = path.join(dir, 'bag.png');
    await sharp(clean).toFile(cleanFile);
    await sharp(clean)
      .composite([
        { input: bag, left: Math.round(DEMO_BAG.x * DEMO_CROP.width), top: Math.round(DEMO_BAG.y * DEMO_CROP.height) },
      ])
      .toFile(bagFile);
    const cmd = ffmpeg()
      .input(cleanFile)
      .inputOptions(['-loop', '1', '-framerate', '5', '-t', String(CLEAN_SECONDS)])
      .input(bagFile)
      .inputOptions(['-loop', '1', '-framerate', '5', '-t', String(BAG_SECONDS)])
      .complexFilter(['[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]'])
      .output(out)
      .outputOptions([
        '-map',
        '[v]',
        '-c:v',
        'libx264',
        '-preset',
        'slow',
        '-tune',
        'stillimage',
        '-crf',
        '30',
        '-g',
        '100',
        '-threads',
        '1',
        '-movflags',
        '+faststart',
        '-an',
      ]);
    await runToEnd(cmd);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void buildDemoVideo().then((f) => process.stdout.write(`${f}\n`));
}
