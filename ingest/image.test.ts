import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../kernel/testing.ts';
import { readImageFrame } from './image.ts';
import { frameToJpeg } from './jpeg.ts';

const cart = path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg');

describe('readImageFrame / frameToJpeg', () => {
  it('decodes a real photo to RGB24 and back to JPEG', async () => {
    const f = await readImageFrame(cart, { cameraId: 'c', ts: 5 });
    expect([f.width, f.height, f.data.length]).toEqual([1116, 600, 1116 * 600 * 3]);
    const small = await readImageFrame(cart, { width: 558 });
    expect([small.width, small.height]).toEqual([558, 300]);
    const jpeg = await frameToJpeg(small);
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    const again = await readImageFrame(jpeg);
    expect(again.width).toBe(558);
  });

  it('names the file that is not an image', async () => {
    const file = path.join(tempDir(), 'not-an-image.jpg');
    writeFileSync(file, 'hello');
    await expect(readImageFrame(file)).rejects.toThrow(/not-an-image\.jpg is not a readable image/);
  });
});
