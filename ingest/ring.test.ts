import { mkdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../kernel/log.ts';
import { tempDir } from '../kernel/testing.ts';
import { SegmentRing, overlapping, removeOlderThan } from './ring.ts';

const MB = 1024 * 1024;
const now = 1_800_000_000_000;

/** A segment file that started at `startS` (epoch s), last written `ageS` seconds before `now`. */
function segment(root: string, cam: string, startS: number, bytes: number): string {
  const dir = path.join(root, cam);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startS}-1.ts`);
  writeFileSync(file, Buffer.alloc(bytes));
  const mtime = (startS + 10) * 1000;
  utimesSync(file, mtime / 1000, mtime / 1000);
  return file;
}

describe('SegmentRing', () => {
  it('lists segments oldest first with their time span', () => {
    const root = tempDir();
    const base = now / 1000;
    segment(root, 'a', base - 20, 10);
    segment(root, 'a', base - 40, 10);
    writeFileSync(path.join(root, 'a', 'notes.txt'), 'x');
    const ring = new SegmentRing(root, silentLogger());
    const segs = ring.segments('a');
    expect(segs.map((s) => [s.start, s.end])).toEqual([
      [now - 40_000, now - 30_000],
      [now - 20_000, now - 10_000],
    ]);
    expect(overlapping(segs, now - 25_000, now - 15_000).map((s) => s.start)).toEqual([now - 20_000]);
    expect(ring.segments('missing')).toEqual([]);
  });

  it('deletes past retention but never the newest segment of a camera', () => {
    const root = tempDir();
    const base = now / 1000;
    const old = segment(root, 'a', base - 3600, 10);
    const newer = segment(root, 'a', base - 60, 10);
    const lonelyOld = segment(root, 'b', base - 3600, 10);
    const ring = new SegmentRing(root, silentLogger());
    expect(ring.sweep(now, { retentionMinutes: 30, quotaMb: 100 })).toBe(1);
    expect([existsSync(old), existsSync(newer), existsSync(lonelyOld)]).toEqual([false, true, true]);
  });

  it('keeps the ring under its quota across cameras, oldest first', () => {
    const root = tempDir();
    const base = now / 1000;
    const a1 = segment(root, 'a', base - 100, 8 * MB);
    const b1 = segment(root, 'b', base - 90, 8 * MB);
    const a2 = segment(root, 'a', base - 80, 8 * MB);
    const b2 = segment(root, 'b', base - 70, 8 * MB);
    const ring = new SegmentRing(root, silentLogger());
    expect(ring.sweep(now, { retentionMinutes: 60, quotaMb: 20 })).toBe(2);
    expect([a1, b1, a2, b2].map((f) => existsSync(f))).toEqual([false, false, true, true]);
  });

  it('survives a ring folder it cannot use', () => {
    const file = path.join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const ring = new SegmentRing(file, silentLogger());
    expect(ring.prepare('a')).toBe(false);
    expect(ring.sweep(now, { retentionMinutes: 1, quotaMb: 16 })).toBe(0);
    expect(() => removeOlderThan(path.join(file, 'clips'), now)).not.toThrow();
  });
});
