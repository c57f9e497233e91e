import { describe, expect, it } from 'vitest';
import { explainFailure, rawOutputSize } from './ffmpeg-log.ts';

describe('ffmpeg stderr', () => {
  it('reads the raw output size ffmpeg chose', () => {
    const line =
      '  Stream #0:0(eng): Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc, gbr/smpte170m/smpte170m, progressive), ' +
      '640x360, q=2-31, 5529 kb/s, 1 fps, 1 tbn (default)';
    expect(rawOutputSize(line)).toEqual({ width: 640, height: 360 });
    expect(rawOutputSize('  Stream #0:0: Video: h264 (High), yuv420p, 768x432, 12.50 fps')).toBeUndefined();
  });

  it('picks the line that says why, with credentials redacted', () => {
    const refused = [
      'ffmpeg version 5.1',
      '[tcp @ 0x559fb8c83880] Connection to tcp://127.0.0.1:1?timeout=5000000 failed: Connection refused',
      'rtsp://user:pw@127.0.0.1:1/x: Connection refused',
    ];
    expect(explainFailure(refused)).toBe('rtsp://***@127.0.0.1:1/x: Connection refused');
    const notVideo = [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d62fc419c0] moov atom not found',
      '/tmp/notvideo.mp4: Invalid data found when processing input',
    ];
    expect(explainFailure(notVideo)).toBe('/tmp/notvideo.mp4: Invalid data found when processing input');
    expect(explainFailure(['[h264 @ 0x55] Invalid NAL unit size (2510 > 935).'])).toBe(
      'Invalid NAL unit size (2510 > 935).',
    );
    expect(explainFailure(['Input #0, rtsp', '  Stream #0:0: Video: h264'])).toBeUndefined();
  });
});
