import { describe, expect, it } from 'vitest';
import { FrameSplitter } from './frame-splitter.ts';

describe('FrameSplitter', () => {
  it('cuts a byte stream into whole pictures whatever the chunking', () => {
    const w = 4;
    const h = 2;
    const size = w * h * 3;
    const stream = Buffer.alloc(size * 3 + 5);
    for (let i = 0; i < stream.length; i++) stream[i] = Math.floor(i / size);
    const s = new FrameSplitter(w, h);
    const out: Buffer[] = [];
    let offset = 0;
    for (const n of [1, 7, 30, 2, 100]) {
      out.push(...s.push(stream.subarray(offset, offset + n)));
      offset += n;
    }
    expect(out.map((b) => [b.length, b[0], b[size - 1]])).toEqual([
      [size, 0, 0],
      [size, 1, 1],
      [size, 2, 2],
    ]);
    expect(s.pending).toBe(5);
  });

  it('refuses an empty size', () => {
    expect(() => new FrameSplitter(0, 10)).toThrow(/bad frame size/);
  });
});
