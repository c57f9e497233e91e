/**
 * The recording index on both backends (SQLite and a real PostgreSQL): synced with the segments on disk, queried by
 * overlap (fractional bounds too), first-seen time kept, retention's high-water mark only moves forward, usage.
 */
import { expect, it } from 'vitest';
import { describeBackends } from '../../kernel/testing/backends.ts';
import type { Segment } from '../ring.ts';
import { RecordingIndex, recordingMigrations } from './index-store.ts';

const T = 1_800_000_000_000;
const seg = (cameraId: string, n: number, bytes = 1000): Segment => ({
  cameraId,
  file: `${cameraId}/${T / 1000 + n * 60}.ts`,
  start: T + n * 60_000,
  end: T + (n + 1) * 60_000 - 0.4, // a file's mtime: fractional ms
  bytes,
});

describeBackends('RecordingIndex', (open) => {
  it('matches the segments on disk: new ones added, grown ones updated, gone ones removed', () => {
    const index = new RecordingIndex(open(recordingMigrations));
    index.sync('cam-1', [seg('cam-1', 0), seg('cam-1', 1), seg('cam-1', 2, 10)]);
    index.sync('cam-2', [seg('cam-2', 0)]);
    index.sync('cam-1', [seg('cam-1', 1), { ...seg('cam-1', 2, 900), end: T + 3 * 60_000 + 20_000 }]);
    expect(index.segments('cam-1')).toEqual([
      { ...seg('cam-1', 1), end: T + 2 * 60_000 },
      { ...seg('cam-1', 2, 900), end: T + 3 * 60_000 + 20_000 },
    ]);
    expect(index.usage('cam-1')).toEqual({ bytes: 1900, segments: 2 });
    expect(index.usage('cam-9')).toEqual({ bytes: 0, segments: 0 });
    index.remove([seg('cam-1', 1).file]);
    expect(index.segments('cam-1').map((s) => s.file)).toEqual([seg('cam-1', 2).file]);
    expect(index.segments('cam-2')).toHaveLength(1);
  });

  it('finds the segments overlapping a span, fractional bounds included', () => {
    const index = new RecordingIndex(open(recordingMigrations));
    index.sync(
      'cam-1',
      [0, 1, 2, 3].map((n) => seg('cam-1', n)),
    );
    const files = (from: number, to: number) => index.segments('cam-1', from, to).map((s) => s.start);
    expect(files(T + 61_000, T + 119_000)).toEqual([T + 60_000]);
    expect(files(T + 60_000.5, T + 120_000.5)).toEqual([T + 60_000, T + 120_000]);
    expect(files(T + 119_999.5, T + 119_999.5)).toEqual([T + 60_000]);
    expect(files(T + 300_000, T + 400_000)).toEqual([]);
  });

  it('keeps when recording began, and moves the pruned mark only forward', () => {
    const index = new RecordingIndex(open(recordingMigrations));
    expect(index.since('cam-1', T)).toBe(T);
    expect(index.since('cam-1', T + 5000)).toBe(T);
    expect(index.prunedTo('cam-1')).toBe(0);
    index.pruned('cam-1', T + 60_000.7);
    index.pruned('cam-1', T + 30_000);
    expect(index.prunedTo('cam-1')).toBe(T + 60_001);
    index.pruned('cam-1', T + 90_000);
    expect(index.prunedTo('cam-1')).toBe(T + 90_000);
    expect(index.prunedTo('cam-2')).toBe(0);
  });
});
