import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../kernel/testing.ts';
import type { JsonDetection } from './detect.ts';

const cart = path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg');
const clip = path.join(repoRoot, 'demo/media/intel_car-detection_parkinglot_overhead.mp4');

describe('gridwatch detect', () => {
  it('prints JSON detections in original pixels and writes an annotated image', async () => {
    const out = path.join(tempDir(), 'cart.png');
    const r = await runCli(['detect', cart, '--json', '--annotate', out, '--threshold', '0.5'], 60_000);
    expect(r.stderr).toContain(`annotated image written to ${out}`);
    expect(r.code).toBe(0);
    const dets = JSON.parse(r.stdout) as JsonDetection[];
    expect(dets.map((d) => d.label)).toEqual(expect.arrayContaining(['car', 'person', 'motorcycle']));
    expect(dets.every((d) => d.score >= 0.5)).toBe(true);
    const car = dets.find((d) => d.label === 'car');
    // The reference box of the big car is [941, 168, 1115, 498] in the 1116x600 photo.
    expect(car?.box[0]).toBeGreaterThan(900);
    expect(car?.box[2]).toBeLessThanOrEqual(1116);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1116, 600]);
    // Boxes are drawn: the annotated image differs from the photo along the car's box edge.
    const [a, b] = await Promise.all([sharp(out).raw().toBuffer(), sharp(cart).raw().toBuffer()]);
    const x = car?.box[0] ?? 0;
    const y = Math.round(((car?.box[1] ?? 0) + (car?.box[3] ?? 0)) / 2);
    const i = (y * 1116 + x) * 3;
    expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0)) + Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0))).toBeGreaterThan(40);
  }, 60_000);

  it('prints one entry per analysed video frame with its time', async () => {
    const r = await runCli(['detect', clip, '--json', '--fps', '1', '--max-frames', '2'], 60_000);
    expect(r.code).toBe(0);
    const frames = JSON.parse(r.stdout) as { time: number; frame: number; detections: JsonDetection[] }[];
    expect(frames.map((f) => [f.time, f.frame])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    for (const f of frames) for (const d of f.detections) expect(d.box[2]).toBeLessThanOrEqual(768);
  }, 60_000);

  it('names a file that is neither an image nor a video, and bad options', async () => {
    const file = path.join(tempDir(), 'notes.jpg');
    writeFileSync(file, 'not a picture');
    const r = await runCli(['detect', file], 60_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /notes\.jpg is not a readable image.*notes\.jpg is neither an image nor a readable video/s,
    );
    const t = await runCli(['detect', cart, '--threshold', '2', '--model', 'nope'], 60_000);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/--threshold must be a number 0–1, got "2"/);
    const m = await runCli(['detect', cart, '--model', 'nope'], 60_000);
    expect(m.stderr).toMatch(/model "nope": folder .*models\/nope does not exist/);
  }, 90_000);
});
