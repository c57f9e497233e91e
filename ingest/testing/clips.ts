/**
 * Camera-like H.264 files made once from the real parking-lot clip (ffmpeg, cached in the temp folder): a chosen
 * size, frame rate and GOP, no B-frames (as IP cameras send), for keyframe-only tests and the ingest benchmark.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { runToEnd } from '../clip.ts';
import { parkingClip } from './rtsp-server.ts';

export interface ClipSpec {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly gopSeconds: number;
  /** Seconds of the source to use (from its start). */
  readonly seconds?: number;
  readonly bitrateKbps?: number;
  /** Source video; the real parking-lot clip by default. */
  readonly source?: string;
}

/** Path of the encoded clip, encoding it first when it is not cached yet. */
export async function cameraClip(spec: ClipSpec): Promise<string> {
  const { width, height, fps, gopSeconds, seconds = 30, bitrateKbps = Math.round((width * height) / 500) } = spec;
  const source = spec.source ?? parkingClip;
  const stem = path.basename(source).replace(/\.[^.]+$/, '');
  const dir = path.join(tmpdir(), 'gridwatch-clips');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stem}-${width}x${height}-${fps}fps-gop${gopSeconds}s-${seconds}s-${bitrateKbps}k.mp4`);
  if (existsSync(file)) return file;
  const gop = Math.round(fps * gopSeconds);
  const partial = `${file}.${process.pid}.part.mp4`;
  await runToEnd(
    ffmpeg(source)
      .inputOptions(['-hide_banner', '-nostdin'])
      .output(partial)
      .outputOptions([
        '-t',
        String(seconds),
        '-an',
        '-vf',
        `scale=${width}:${height},fps=${fps}`,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-profile:v',
        'main',
        '-bf',
        '0',
        '-g',
        String(gop),
        '-keyint_min',
        String(gop),
        '-sc_threshold',
        '0',
        '-b:v',
        `${bitrateKbps}k`,
        '-maxrate',
        `${bitrateKbps}k`,
        '-bufsize',
        `${bitrateKbps * 2}k`,
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
      ]),
  );
  renameSync(partial, file);
  return file;
}
