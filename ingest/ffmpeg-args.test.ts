import { describe, expect, it } from 'vitest';
import { frameOutputOptions, inputOptions, relayOptions, segmentOutputOptions, segmentPattern } from './ffmpeg-args.ts';
import { parseSource } from './source.ts';

const full = { fps: 2, width: 640, keyframesOnly: false, realtime: true };
const rtsp = parseSource('rtsp://u:p@cam/x', '/');
const file = parseSource('/v/a.mp4', '/');

/** The value following `flag` in an argument list. */
const valueAfter = (args: readonly string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('ffmpeg options', () => {
  it('pulls RTSP over TCP with an I/O timeout, one decoding thread', () => {
    const args = inputOptions(rtsp, full);
    expect(valueAfter(args, '-rtsp_transport')).toBe('tcp');
    expect(valueAfter(args, '-timeout')).toBe('5000000');
    expect(valueAfter(args, '-threads')).toBe('1');
    expect(args).not.toContain('-skip_frame');
  });

  it('loops files in real time; probes rtmp/http briefly', () => {
    expect(inputOptions(file, full)).toEqual(expect.arrayContaining(['-stream_loop', '-1', '-re']));
    expect(inputOptions(file, { ...full, realtime: false })).not.toContain('-re');
    expect(valueAfter(inputOptions(parseSource('rtmp://h/live/a', '/'), full), '-analyzeduration')).toBe('1000000');
  });

  it('decodes everything at the analysis rate, or keyframes only passed through as they come', () => {
    expect(valueAfter(frameOutputOptions(full), '-vf')).toBe('fps=2,scale=640:-2:flags=bilinear');
    expect(valueAfter(frameOutputOptions({ ...full, height: 360 }), '-pix_fmt')).toBe('rgb24');
    const key = { ...full, keyframesOnly: true };
    expect(valueAfter(inputOptions(rtsp, key), '-skip_frame')).toBe('nokey');
    expect(valueAfter(frameOutputOptions(key), '-vf')).toBe('scale=640:-2:flags=bilinear');
    expect(valueAfter(frameOutputOptions(key), '-fps_mode')).toBe('passthrough');
  });

  it('records by copying into wall-clock-named MPEG-TS segments; fills RTP timestamp gaps for streams', () => {
    const seg = segmentOutputOptions(rtsp, 10);
    expect(valueAfter(seg, '-c')).toBe('copy');
    expect(valueAfter(seg, '-segment_time')).toBe('10');
    expect(valueAfter(seg, '-bsf:v')).toMatch(/^setts=pts=/);
    expect(segmentOutputOptions(file, 10)).not.toContain('-bsf:v');
    expect(segmentPattern('/d/cam', 3)).toBe('/d/cam/%s-3.ts');
  });

  it('relays streams and files by copying; encodes a still image', () => {
    expect(valueAfter(relayOptions(rtsp).output, '-c')).toBe('copy');
    expect(valueAfter(relayOptions(rtsp).output, '-f')).toBe('flv');
    expect(valueAfter(relayOptions(parseSource('/a.jpg', '/')).output, '-c:v')).toBe('libx264');
  });
});
