import { describe, expect, it } from 'vitest';
import { aspectOf, mediaStyle, tileMode } from './tile-media.ts';

describe('camera tile media', () => {
  it('says live only while the live video plays; a snapshot otherwise', () => {
    expect(tileMode({ hasLive: true, videoFailed: false, playing: true })).toBe('live');
    expect(tileMode({ hasLive: true, videoFailed: false, playing: false })).toBe('snapshot');
    expect(tileMode({ hasLive: true, videoFailed: true, playing: true })).toBe('snapshot');
    expect(tileMode({ hasLive: false, videoFailed: false, playing: false })).toBe('snapshot');
  });

  it("keeps the camera's own ratio (4:3, 16:9, portrait), 16:9 until the picture is known", () => {
    expect(mediaStyle(aspectOf(640, 480), false)).toEqual({ aspectRatio: '1.3333' });
    expect(mediaStyle(aspectOf(1080, 1920), false)).toEqual({ aspectRatio: '0.5625' });
    expect(mediaStyle(aspectOf(0, 0), false)).toEqual({ aspectRatio: '1.7778' });
    expect(mediaStyle(aspectOf(1920, 1080), true)).toEqual({
      aspectRatio: '1.7778',
      width: 'min(100%, calc(60vh * 1.7778))',
    });
  });
});
