import { describe, expect, it } from 'vitest';
import type { Segment } from '../ring.ts';
import { segmentsToDelete } from './policy.ts';

const MIN = 60_000;
/** Ten 1-minute segments of 100 bytes ending at minutes 1…10. */
const segs: Segment[] = Array.from({ length: 10 }, (_, i) => ({
  cameraId: 'c',
  file: `s${i}`,
  start: i * MIN,
  end: (i + 1) * MIN,
  bytes: 100,
}));
const names = (xs: Segment[]): string[] => xs.map((s) => s.file);
const base = { now: 10 * MIN, retainMs: 5 * MIN, quotaBytes: 1e9, ringMs: 2 * MIN, protect: [] };

describe('segmentsToDelete', () => {
  it('deletes what ended before the retention, oldest first', () => {
    expect(names(segmentsToDelete(segs, base))).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('keeps segments overlapping a protected window (an open case) past retention and quota', () => {
    const protect = [{ from: 1.5 * MIN, to: 2.2 * MIN }];
    expect(names(segmentsToDelete(segs, { ...base, protect }))).toEqual(['s0', 's3']);
    expect(names(segmentsToDelete(segs, { ...base, protect, quotaBytes: 250 }))).toEqual(
      names(segs.filter((s) => !['s1', 's2', 's9'].includes(s.file))).slice(0, 7),
    );
  });

  it('holds the quota by deleting the oldest, never the newest segment', () => {
    expect(names(segmentsToDelete(segs, { ...base, retainMs: 100 * MIN, quotaBytes: 300 }))).toEqual(
      names(segs.slice(0, 7)),
    );
    expect(names(segmentsToDelete(segs, { ...base, retainMs: 100 * MIN, quotaBytes: 0 }))).toEqual(
      names(segs.slice(0, 9)),
    );
  });

  it('events mode: past the evidence ring (2 min) only segments around hits stay', () => {
    const events = [{ from: 4.5 * MIN, to: 5.1 * MIN }];
    // s4, s5 hold the hit; s7 (ends at now − 2 min), s8, s9 are inside the ring
    expect(names(segmentsToDelete(segs, { ...base, retainMs: 100 * MIN, events }))).toEqual([
      's0',
      's1',
      's2',
      's3',
      's6',
    ]);
  });
});
