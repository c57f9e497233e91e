/**
 * A camera analysed on its sub stream (`cameras[].detect.url`): one ffmpeg decodes the sub stream into analysis
 * frames, a second copies the main stream into the evidence ring (no decoding). A recording that fails is logged and
 * tried again 5 s later while the analysis goes on; the analysis ffmpeg's end is the camera's end; both stop together.
 */
import type { Logger } from '../kernel/log.ts';
import type { DecodeSettings } from './ffmpeg-args.ts';
import { startFfmpegStream, type PictureStream, type RecordTarget, type StreamHandlers } from './ffmpeg-stream.ts';
import { startRecorder, type Recorder } from './recorder.ts';
import type { SourceSpec } from './source.ts';

/** ffmpeg exit lines that blame the segment output rather than the camera. */
export const RECORD_ERROR = /no space left|read-only file system|segment|\.ts'?:|error writing trailer/i;

export interface SubStreamDeps {
  readonly main: SourceSpec;
  readonly sub: SourceSpec;
  readonly settings: DecodeSettings;
  readonly handlers: StreamHandlers;
  /** Where the main stream is recorded now (undefined: not recorded). */
  readonly record: RecordTarget | undefined;
  readonly cameraId: string;
  readonly log: Logger;
  /** True once the camera itself was stopped. */
  readonly gone: () => boolean;
  /** The recording target for a retry (recording may be paused meanwhile). */
  readonly nextTarget: () => RecordTarget | undefined;
  readonly onRecordFailure?: (error: string) => void;
}

export function startWithSubStream(d: SubStreamDeps): PictureStream {
  const frames = startFfmpegStream(d.sub, d.settings, d.handlers);
  let stopped = false;
  let recorder: Recorder | undefined;
  let retry: NodeJS.Timeout | undefined;
  const record = (target: RecordTarget | undefined): void => {
    if (!target || stopped || d.gone()) return;
    recorder = startRecorder(d.main, target, (error) => {
      if (stopped || d.gone()) return;
      d.log.warn({ camera: d.cameraId, error }, 'main stream recording stopped; trying again in 5 s');
      if (d.onRecordFailure && RECORD_ERROR.test(error)) d.onRecordFailure(error);
      retry = setTimeout(() => record(d.nextTarget()), 5000);
      retry.unref();
    });
  };
  record(d.record);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(retry);
      frames.stop();
      recorder?.stop();
    },
    get pid() {
      return frames.pid;
    },
  };
}
