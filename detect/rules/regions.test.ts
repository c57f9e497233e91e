import { describe, expect, it } from 'vitest';
import { blobs, open } from './regions.ts';

function maskOf(rows: string[]): { mask: Uint8Array; w: number; h: number } {
  const w = rows[0]!.length;
  const mask = new Uint8Array(
    rows
      .join('')
      .split('')
      .map((c) => (c === '#' ? 1 : 0)),
  );
  return { mask, w, h: rows.length };
}

describe('mask regions', () => {
  const { mask, w, h } = maskOf([
    '#.........',
    '...####...',
    '...####..#',
    '...####..#',
    '..........',
    '.......###',
    '.......###',
    '.......###',
  ]);
  it('opening removes specks and thin lines, keeps solid blobs', () => {
    const o = open(mask, w, h);
    const found = blobs(o, w, h);
    expect(found.map((b) => [b.x1, b.y1, b.x2, b.y2, b.pixels])).toEqual([
      [3, 1, 6, 3, 12],
      [7, 5, 9, 7, 9],
    ]);
  });
  it('labels 4-connected components and drops small ones on request', () => {
    const found = blobs(mask, w, h, 3);
    expect(found.map((b) => b.pixels).sort((a, b) => a - b)).toEqual([9, 12]);
    expect(blobs(mask, w, h).length).toBe(4);
  });
});

describe('merging near blobs', () => {
  it('joins blobs whose boxes touch or lie within the gap, keeps distant ones apart', async () => {
    const { mergeNear } = await import('./regions.ts');
    const a = { x1: 0, y1: 0, x2: 3, y2: 3, pixels: 16, members: [] };
    const b = { x1: 5, y1: 1, x2: 7, y2: 4, pixels: 9, members: [] };
    const c = { x1: 20, y1: 20, x2: 22, y2: 22, pixels: 9, members: [] };
    const m = mergeNear([a, b, c], 2);
    expect(m.map((x) => [x.x1, x.y1, x.x2, x.y2, x.pixels])).toEqual([
      [0, 0, 7, 4, 25],
      [20, 20, 22, 22, 9],
    ]);
    expect(mergeNear([a, b], 0)).toHaveLength(2);
  });
});

describe('grey downscale', () => {
  it('averages luma over blocks, sampling big blocks, and never upscales', async () => {
    const { greyDownscale } = await import('./grey.ts');
    const width = 320;
    const height = 80;
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) data.fill(x < 160 ? 200 : 20, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const g = greyDownscale({ width, height, data }, 80);
    expect([g.width, g.height]).toEqual([80, 20]);
    expect(g.data[0]).toBeCloseTo(200, 0);
    expect(g.data[79]).toBeCloseTo(20, 0);
    expect(greyDownscale({ width: 40, height: 10, data: Buffer.alloc(1200, 9) }, 160).width).toBe(40);
  });
});
