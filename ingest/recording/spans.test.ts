import { describe, expect, it } from 'vitest';
import { fillPlaybackUrl } from './playback-url.ts';
import { clipSpans, mergeSpans, recordingHealth } from './spans.ts';

const S = 1000;
const H = 3_600_000;

describe('recorded spans', () => {
  it('merges segments closer than 3 s into one span, keeps real gaps', () => {
    const pieces = [
      { start: 20 * S, end: 30 * S },
      { start: 0, end: 10 * S },
      { start: 10 * S + 900, end: 20 * S },
      { start: 60 * S, end: 70 * S },
    ];
    expect(mergeSpans(pieces)).toEqual([
      { start: 0, end: 30 * S },
      { start: 60 * S, end: 70 * S },
    ]);
    expect(clipSpans(mergeSpans(pieces), 25 * S, 65 * S)).toEqual([
      { start: 25 * S, end: 30 * S },
      { start: 60 * S, end: 65 * S },
    ]);
  });
});

describe('recording health', () => {
  it('hours recorded vs expected; gaps longer than the tolerance are blind spots', () => {
    const recorded = [
      { start: 0, end: 1 * H },
      { start: 1 * H + 2 * S, end: 2 * H }, // a segment boundary, not a gap
      { start: 2.5 * H, end: 4 * H },
    ];
    const h = recordingHealth(recorded, [{ from: 0, to: 4 * H }], 5 * S);
    expect(h.expectedHours).toBe(4);
    expect(h.recordedHours).toBeCloseTo(3.5, 2);
    expect(h.ratio).toBeCloseTo(0.875, 3);
    expect(h.gaps).toEqual([{ start: 2 * H, end: 2.5 * H }]);
    expect(h.blindHours).toBe(0.5);
  });

  it('counts a missing start and end as gaps; nothing expected is a ratio of 1', () => {
    const h = recordingHealth([{ start: 1 * H, end: 2 * H }], [{ from: 0, to: 3 * H }], 5 * S);
    expect(h.gaps).toEqual([
      { start: 0, end: 1 * H },
      { start: 2 * H, end: 3 * H },
    ]);
    expect(recordingHealth([], [], 5 * S)).toMatchObject({ ratio: 1, expectedHours: 0, gaps: [] });
  });

  it('events mode: only the windows around hits are expected', () => {
    const h = recordingHealth(
      [{ start: 0, end: 10 * 60 * S }],
      [
        { from: 60 * S, to: 120 * S },
        { from: 20 * 60 * S, to: 21 * 60 * S },
      ],
      5 * S,
    );
    expect(h.ratio).toBe(0.5);
    expect(h.gaps).toEqual([{ start: 20 * 60 * S, end: 21 * 60 * S }]);
  });
});

describe('NVR playback URL template', () => {
  it('fills the placeholders for the span', () => {
    const start = Date.parse('2026-12-05T22:00:00Z');
    const url = fillPlaybackUrl(
      'rtsp://nvr/Streaming/tracks/101?starttime={startCompact}&endtime={endCompact}&cam={camera}&s={startS}&x={y}',
      'cam 1',
      start,
      start + 90_000,
    );
    expect(url).toBe(
      'rtsp://nvr/Streaming/tracks/101?starttime=20261205T220000Z&endtime=20261205T220130Z&cam=cam%201' +
        `&s=${start / 1000}&x={y}`,
    );
    expect(fillPlaybackUrl('https://p/{start}/{end}', 'c', start, start + 1000)).toBe(
      'https://p/2026-12-05T22:00:00Z/2026-12-05T22:00:01Z',
    );
  });
});
