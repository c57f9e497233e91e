/**
 * Recording alone: an ffmpeg that only copies a camera's main stream into the evidence ring (no decoding), for
 * cameras whose analysis reads a sub stream (`cameras[].detect.url`). Its failures never stop the analysis.
 */
import ffmpeg from 'fluent-ffmpeg';
import { redactUrl } from '../kernel/log.ts';
import { inputOptions, segmentOutputOptions } from './ffmpeg-args.ts';
import { explainFailure } from './ffmpeg-log.ts';
import { terminate, type RecordTarget } from './ffmpeg-stream.ts';
import type { SourceSpec } from './source.ts';

export interface Recorder {
  stop(): void;
  readonly pid: number | undefined;
}

/** Start copying `spec` into `target`'s segments; `onExit` says why it ended (not called after stop()). */
export function startRecorder(spec: SourceSpec, target: RecordTarget, onExit: (error: string) => void): Recorder {
  const lines: string[] = [];
  let finished = false;
  const settings = { fps: 1, width: 0, keyframesOnly: false, realtime: true };
  const cmd = ffmpeg(spec.input)
    .inputOptions(inputOptions(spec, settings))
    .output(target.pattern)
    .outputOptions(segmentOutputOptions(spec, target.segmentSeconds));
  const finish = (error: string): void => {
    if (finished) return;
    finished = true;
    terminate(cmd);
    onExit(error);
  };
  cmd.on('stderr', (line: string) => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  });
  cmd.on('error', (err: Error) => finish(explainFailure(lines) ?? redactUrl(err.message)));
  cmd.on('end', () => finish('recording stream ended'));
  cmd.run();
  return {
    stop: () => {
      finished = true;
      terminate(cmd);
    },
    get pid() {
      return (cmd as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
    },
  };
}
