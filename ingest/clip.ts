/** Evidence clips: cut [from, to] out of the recorded ring without re-encoding, or make one from a still camera. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { GridwatchError, errorMessage } from '../kernel/errors.ts';
import { explainFailure } from './ffmpeg-log.ts';
import { redactUrl } from '../kernel/log.ts';
import type { Segment } from './ring.ts';

/** Run a prepared fluent-ffmpeg command to completion; rejects with ffmpeg's own reason. */
export function runToEnd(cmd: ffmpeg.FfmpegCommand): Promise<void> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    cmd
      .on('stderr', (l: string) => {
        lines.push(l);
        if (lines.length > 40) lines.shift();
      })
      .on('error', (err: Error) => reject(new Error(explainFailure(lines) ?? redactUrl(err.message))))
      .on('end', () => resolve())
      .run();
  });
}

const quote = (file: string): string => `'${file.replace(/'/g, "'\\''")}'`;

/**
 * Cut [fromMs, toMs] from `segments` (oldest first, overlapping the window) into `outFile` (MP4, video copied).
 * Two copies, no decoding: the segments are joined into one Matroska file (the concat demuxer cannot seek in
 * MPEG-TS), then cut from there; the MP4 starts at the keyframe before `fromMs` and its edit list hides the lead-in.
 */
export async function cutClip(
  segments: readonly Segment[],
  fromMs: number,
  toMs: number,
  outFile: string,
): Promise<string> {
  const first = segments[0];
  if (!first) throw new GridwatchError('clip_unavailable', 'no recorded segment covers the requested time');
  mkdirSync(path.dirname(outFile), { recursive: true });
  const list = `${outFile}.txt`;
  const joined = `${outFile}.joined.mkv`;
  writeFileSync(list, `ffconcat version 1.0\n${segments.map((s) => `file ${quote(s.file)}`).join('\n')}\n`);
  const offset = Math.max(0, fromMs - first.start) / 1000;
  const duration = Math.max(0.5, (toMs - Math.max(fromMs, first.start)) / 1000);
  try {
    await runToEnd(
      ffmpeg(list)
        .inputOptions(['-hide_banner', '-nostdin', '-f', 'concat', '-safe', '0'])
        .output(joined)
        .outputOptions(['-map', '0:v:0', '-c', 'copy', '-f', 'matroska']),
    );
    await runToEnd(
      ffmpeg(joined)
        .inputOptions(['-hide_banner', '-nostdin', '-ss', offset.toFixed(3)])
        .output(outFile)
        .outputOptions([
          '-t',
          duration.toFixed(3),
          '-map',
          '0:v:0',
          '-c',
          'copy',
          '-movflags',
          '+faststart',
          '-f',
          'mp4',
        ]),
    );
  } catch (err) {
    throw new GridwatchError('clip_failed', `cannot cut clip: ${errorMessage(err)}`, { cause: err });
  } finally {
    rmSync(list, { force: true });
    rmSync(joined, { force: true });
  }
  return outFile;
}

/** A clip of a still camera: its picture as `seconds` of 1 fps H.264 video. */
export async function stillClip(image: string, seconds: number, outFile: string): Promise<string> {
  mkdirSync(path.dirname(outFile), { recursive: true });
  const cmd = ffmpeg(image)
    .inputOptions(['-hide_banner', '-nostdin', '-loop', '1', '-framerate', '1'])
    .output(outFile)
    .outputOptions([
      '-t',
      String(Math.max(1, Math.round(seconds))),
      '-vf',
      'scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-tune',
      'stillimage',
      '-threads',
      '1',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
    ]);
  try {
    await runToEnd(cmd);
  } catch (err) {
    throw new GridwatchError('clip_failed', `cannot make clip from ${image}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  return outFile;
}
