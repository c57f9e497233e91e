import { describe, expect, it } from 'vitest';
import { frameOutputOptions, inputOptions, relayOptions, segmentOutputOptions, segmentPattern } from './ffmpeg-args.ts';
import { parseSource } from './source.ts';

const full = { fps: 2, width: 640, keyframesOnly: false, realtime: true };
const rtsp = parseSource('rtsp://u:p@cam/x', '/');
const file = parseSource('/v/a.mp4', '/');

/** The value following `flag` in an argument list. */
const after = (args: readonly string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('ffmpeg options', () => {
  it('pulls RTSP over TCP with an I/O timeout, one decoding thread', () => {
    const args = inputOptions(rtsp, full);
    expect(after(args, '-rtsp_transport')).toBe('tcp');
    expect(after(args, '-timeout')).toBe('5000000');
    expect(after(args, '-threads')).toBe('1');
    expect(args).not.toContain('-skip_frame');
  });

  it('loops files in real time; probes rtmp/http briefly', () => {
    expect(inputOptions(file, full)).toEqual(expect.arrayContaining(['-stream_loop', '-1', '-re']));
    expect(inputOptions(file, { ...full, realtime: false })).not.toContain('-re');
    expect(after(inputOptions(parseSource('rtmp://h/live/a', '/'), full), '-analyzeduration')).toBe('1000000');
  });

  it('decodes everything at the analysis rate, or keyframes only passed through as they come', () => {
    expect(after(frameOutputOptions(full), '-vf')).toBe('fps=2,scale=640:-2:flags=bilinear');
    expect(after(frameOutputOptions({ ...full, height: 360 }), '-pix_fmt')).toBe('rgb24');
    const key = { ...full, keyframesOnly: true };
    expect(after(inputOptions(rtsp, key), '-skip_frame')).toBe('nokey');
    expect(after(frameOutputOptions(key), '-vf')).toBe('scale=640:-2:flags=bilinear');
    expect(after(frameOutputOptions(key), '-fps_mode')).toBe('passthrough');
  });

  it('records by copying into wall-clock-named MPEG-TS segments; fills RTP timestamp gaps for streams', () => {
    const seg = segmentOutputOptions(rtsp, 10);
    expect(after(seg, '-c')).toBe('copy');
    expect(after(seg, '-segment_time')).toBe('10');
    expect(after(seg, '-bsf:v')).toMatch(/^setts=pts=/);
    expect(segmentOutputOptions(file, 10)).not.toContain('-bsf:v');
    expect(segmentPattern('/d/cam', 3)).toBe('/d/cam/%s-3.ts');
  });

  it('relays streams and files by copying; encodes a still image', () => {
    expect(after(relayOptions(rtsp).output, '-c')).toBe('copy');
    expect(after(relayOptions(rtsp).output, '-f')).toBe('flv');
    expect(after(relayOptions(parseSource('/a.jpg', '/')).output, '-c:v')).toBe('libx264');
  });
});
