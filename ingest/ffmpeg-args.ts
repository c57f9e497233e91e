/** ffmpeg command-line options for each source kind and decode mode (pure: tested without spawning anything). */
import type { SourceSpec } from './source.ts';

export interface DecodeSettings {
  /** Analysis frames per second (an upper bound in keyframe-only mode). */
  readonly fps: number;
  readonly width: number;
  /** Output height; aspect kept (even height) when omitted. */
  readonly height?: number;
  /** Decode keyframes only (-skip_frame nokey): every keyframe comes out, nothing else is decoded. */
  readonly keyframesOnly: boolean;
  /** Read video files at their native rate (-re), as a camera would deliver them; off for one-shot extraction. */
  readonly realtime: boolean;
}

/** Socket I/O timeout for network sources, microseconds (ffmpeg's unit). */
export const IO_TIMEOUT_US = 5_000_000;

/** Options placed before `-i`: transport, timeouts, looping, cheap decoding. */
export function inputOptions(spec: SourceSpec, s: DecodeSettings): string[] {
  const opts = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-threads', '1', '-filter_threads', '1'];
  if (s.keyframesOnly) opts.push('-skip_frame', 'nokey');
  switch (spec.kind) {
    case 'rtsp':
      opts.push('-rtsp_transport', 'tcp', '-timeout', String(IO_TIMEOUT_US));
      break;
    case 'rtmp':
    case 'http':
      opts.push('-analyzeduration', '1000000', '-rw_timeout', String(IO_TIMEOUT_US));
      break;
    case 'file':
      opts.push('-stream_loop', '-1');
      if (s.realtime) opts.push('-re');
      break;
    case 'image':
      break;
  }
  return opts;
}

/** The scale (and, when decoding everything, rate) filter chain. */
export function frameFilter(s: DecodeSettings): string {
  const scale = `scale=${s.width}:${s.height ?? -2}:flags=bilinear`;
  return s.keyframesOnly ? scale : `fps=${s.fps},${scale}`;
}

/** Raw RGB24 frames on stdout at the analysis rate and size. */
export function frameOutputOptions(s: DecodeSettings): string[] {
  const opts = ['-map', '0:v:0', '-an', '-sn', '-dn', '-vf', frameFilter(s), '-pix_fmt', 'rgb24', '-f', 'rawvideo'];
  // Without passthrough ffmpeg pads keyframe-only output back to the stream rate with duplicates.
  if (s.keyframesOnly) opts.push('-fps_mode', 'passthrough');
  return opts;
}

/**
 * RTP carries no decode timestamps: with B-frames the first packets from an RTSP camera have none, which the
 * MPEG-TS muxer refuses. Fill the gaps (first packet at 0, a missing DTS just after the previous one, never after
 * its PTS); packets that have timestamps keep them.
 */
const FILL_TIMESTAMPS =
  'setts=pts=if(eq(PTS\\,NOPTS)\\,if(eq(PREV_OUTPTS\\,NOPTS)\\,0\\,PREV_OUTPTS+1)\\,PTS)' +
  ':dts=if(eq(DTS\\,NOPTS)\\,if(eq(PREV_OUTDTS\\,NOPTS)\\,if(eq(PTS\\,NOPTS)\\,0\\,PTS)\\,' +
  'min(PREV_OUTDTS+1\\,if(eq(PTS\\,NOPTS)\\,PREV_OUTDTS+1\\,PTS)))\\,DTS)';

/** The timestamp-filling filter for streams copied from the network (files have their timestamps). */
function fillTimestamps(spec: SourceSpec): string[] {
  return spec.kind === 'file' || spec.kind === 'image' ? [] : ['-bsf:v', FILL_TIMESTAMPS];
}

/** Evidence ring: video copied (no decoding) into MPEG-TS segments named by their wall-clock start. */
export function segmentOutputOptions(spec: SourceSpec, segmentSeconds: number): string[] {
  return [
    '-map',
    '0:v:0',
    '-c',
    'copy',
    ...fillTimestamps(spec),
    '-f',
    'segment',
    '-segment_time',
    String(segmentSeconds),
    '-segment_format',
    'mpegts',
    '-reset_timestamps',
    '1',
    '-strftime',
    '1',
    '-segment_format_options',
    'flush_packets=1',
  ];
}

/** Segment file pattern: `<epoch seconds>-<run>.ts` (strftime's %s = epoch seconds). */
export function segmentPattern(dir: string, run: number): string {
  return `${dir}/%s-${run}.ts`;
}

/** Live relay into the media server: copied (no decoding) from streams and files; a still image is encoded at 1 fps. */
export function relayOptions(spec: SourceSpec): { readonly input: string[]; readonly output: string[] } {
  const input = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'];
  const flv = ['-f', 'flv', '-flvflags', 'no_duration_filesize'];
  switch (spec.kind) {
    case 'rtsp':
      input.push('-rtsp_transport', 'tcp', '-timeout', String(IO_TIMEOUT_US));
      break;
    case 'rtmp':
    case 'http':
      input.push('-analyzeduration', '1000000', '-rw_timeout', String(IO_TIMEOUT_US));
      break;
    case 'file':
      input.push('-re', '-stream_loop', '-1');
      break;
    case 'image':
      input.push('-re', '-loop', '1', '-framerate', '1');
      return {
        input,
        output: [
          '-map',
          '0:v:0',
          '-vf',
          'scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p',
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-tune',
          'stillimage',
          '-g',
          '2',
          '-threads',
          '1',
          ...flv,
        ],
      };
  }
  return { input, output: ['-map', '0:v:0', '-c', 'copy', ...fillTimestamps(spec), ...flv] };
}
