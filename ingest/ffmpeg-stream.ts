/**
 * One long-lived ffmpeg (fluent-ffmpeg, Debian ffmpeg) turning a source into raw RGB24 pictures on a pipe, at the
 * analysis rate and size, optionally also copying the video into the evidence ring's segments (no re-encoding).
 */
import { PassThrough } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { frameOutputOptions, inputOptions, segmentOutputOptions, type DecodeSettings } from './ffmpeg-args.ts';
import { explainFailure, rawOutputSize } from './ffmpeg-log.ts';
import { redactUrl } from '../kernel/log.ts';
import { FrameSplitter } from './frame-splitter.ts';
import type { SourceSpec } from './source.ts';

export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

export interface StreamHandlers {
  readonly onPicture: (picture: Picture) => void;
  /** Called once when the stream ends for any reason but stop(); `error` says why, in one line. */
  readonly onExit: (error: string | undefined) => void;
}

export interface RecordTarget {
  /** Segment file pattern (see segmentPattern). */
  readonly pattern: string;
  readonly segmentSeconds: number;
}

/** A running source of pictures. */
export interface PictureStream {
  /** Stop for good; onExit is not called afterwards. */
  stop(): void;
  readonly pid: number | undefined;
}

/**
 * Stop an ffmpeg politely (SIGTERM: it closes its input, so an RTSP camera gets its TEARDOWN and frees the session —
 * many cameras allow only a few), then for sure (SIGKILL) if it is still there after `graceMs`.
 */
export function terminate(cmd: ffmpeg.FfmpegCommand, graceMs = 3000): void {
  cmd.kill('SIGTERM');
  setTimeout(() => cmd.kill('SIGKILL'), graceMs).unref();
}

/** stderr lines that make a file source unusable even though ffmpeg keeps going (it would loop garbage). */
const FATAL_FOR_FILES = /partial file|corrupt input packet/;
const KEEP_LINES = 40;

export function startFfmpegStream(
  spec: SourceSpec,
  settings: DecodeSettings,
  handlers: StreamHandlers,
  record?: RecordTarget,
): PictureStream {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const lines: string[] = [];
  let splitter = settings.height ? new FrameSplitter(settings.width, settings.height) : undefined;
  let inOutputSection = false;
  let finished = false;
  let fatal: string | undefined;

  const cmd = ffmpeg(spec.input)
    .inputOptions(inputOptions(spec, settings))
    .output(out)
    .outputOptions(frameOutputOptions(settings));
  if (record) cmd.output(record.pattern).outputOptions(segmentOutputOptions(spec, record.segmentSeconds));

  const finish = (error: string | undefined): void => {
    if (finished) return;
    finished = true;
    terminate(cmd);
    out.destroy();
    handlers.onExit(error);
  };

  cmd.on('stderr', (line: string) => {
    lines.push(line);
    if (lines.length > KEEP_LINES) lines.shift();
    if (line.startsWith('Output #0')) inOutputSection = true;
    else if (line.startsWith('Output #') || line.startsWith('Stream mapping')) inOutputSection = false;
    if (!splitter && inOutputSection) {
      const size = rawOutputSize(line);
      if (size) splitter = new FrameSplitter(size.width, size.height);
    }
    if (spec.kind === 'file' && !fatal && FATAL_FOR_FILES.test(line)) {
      fatal = `${spec.display} is truncated or corrupt (${explainFailure([line]) ?? line})`;
      finish(fatal);
    }
  });
  const pending: Buffer[] = [];
  out.on('data', (chunk: Buffer) => {
    if (finished) return;
    if (!splitter) {
      pending.push(chunk); // the size line has not been parsed yet
      return;
    }
    const chunks = pending.length ? [...pending.splice(0), chunk] : [chunk];
    for (const c of chunks) {
      for (const data of splitter.push(c)) handlers.onPicture({ width: splitter.width, height: splitter.height, data });
    }
  });
  out.on('error', () => undefined);
  cmd.on('error', (err: Error) => finish(explainFailure(lines) ?? redactUrl(err.message)));
  cmd.on('end', () => finish(explainFailure(lines) ? `stream ended: ${explainFailure(lines)}` : 'stream ended'));
  cmd.run();

  return {
    stop: () => {
      finished = true;
      terminate(cmd);
      out.destroy();
    },
    get pid() {
      return (cmd as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
    },
  };
}
