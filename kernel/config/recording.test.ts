import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing.ts';
import { recordingOf, retentionMs } from './recording.ts';

const camera = (record: unknown) => testConfig({ cameras: [{ id: 'c1', source: 'x.jpg', record }] }).config.cameras[0]!;
const problems = (record: unknown): string => {
  try {
    camera(record);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('cameras[].record', () => {
  it('true (the default) and false keep their meaning: the evidence ring, or nothing', () => {
    expect(testConfig({ cameras: [{ id: 'c1', source: 'x.jpg' }] }).config.cameras[0]!.record).toBe(true);
    expect(recordingOf(camera(false).record)).toBeUndefined();
    expect(recordingOf(camera(true).record)).toBeUndefined();
  });

  it('an object sets up recording with defaults; retainMinutes overrides retainDays', () => {
    const r = recordingOf(camera({ mode: 'events' }).record)!;
    expect(r).toMatchObject({ mode: 'events', retainDays: 7, quotaGb: 50, preSeconds: 30, postSeconds: 30 });
    expect(retentionMs(r)).toBe(7 * 86_400_000);
    expect(retentionMs(recordingOf(camera({ retainDays: 30, retainMinutes: 1 }).record)!)).toBe(60_000);
    expect(recordingOf(camera({}).record)?.mode).toBe('continuous');
  });

  it('names the bad field: unknown mode, unknown key, a quota of 0, a template without placeholders', () => {
    expect(problems({ mode: 'always' })).toMatch(/cameras\[0\]\.record\.mode/);
    expect(problems({ mode: 'continuous', keepForever: true })).toMatch(/cameras\[0\]\.record.*keepForever/);
    expect(problems({ quotaGb: 0 })).toMatch(/cameras\[0\]\.record\.quotaGb/);
    expect(problems({ mode: 'off', playbackUrl: 'https://nvr/playback' })).toMatch(
      /cameras\[0\]\.record\.playbackUrl: needs a placeholder/,
    );
    expect(problems({ mode: 'off', playbackUrl: 'https://nvr/playback?from={start}&to={end}' })).toBe('');
  });
});
