/** One-shot: the first N pictures of any source (the `gridwatch frames` command), with a clear error when it fails. */
import { InputError } from '../kernel/errors.ts';
import { redactUrl } from '../kernel/log.ts';
import type { DecodeSettings } from './ffmpeg-args.ts';
import { startFfmpegStream, type Picture, type PictureStream } from './ffmpeg-stream.ts';
import { checkVideoFile } from './file-check.ts';
import { checkSourceExists, parseSource } from './source.ts';
import { startStillStream } from './still-stream.ts';

export interface GrabOptions {
  readonly count: number;
  readonly fps: number;
  readonly width: number;
  readonly height?: number;
  readonly keyframesOnly?: boolean;
  /** Give up when no picture came for this long. */
  readonly timeoutMs: number;
  readonly baseDir: string;
}

/** Calls `onPicture` for each of the first `count` pictures of `source`; rejects with InputError naming the problem. */
export async function grabFrames(
  source: string,
  opts: GrabOptions,
  onPicture: (p: Picture, index: number) => Promise<void> | void,
): Promise<void> {
  const spec = parseSource(source, opts.baseDir);
  checkSourceExists(spec);
  if (spec.kind === 'file') await checkVideoFile(spec.input);
  const settings: DecodeSettings = {
    fps: opts.fps,
    width: opts.width,
    height: opts.height,
    keyframesOnly: opts.keyframesOnly ?? false,
    // A file is read as fast as it decodes; a still image is re-emitted without waiting.
    realtime: false,
  };
  const still = spec.kind === 'image' ? { ...settings, fps: 1000 } : settings;
  await new Promise<void>((resolve, reject) => {
    let got = 0;
    let chain = Promise.resolve();
    let stream: PictureStream | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => done(new InputError(`${spec.display}: no frame within ${opts.timeoutMs / 1000} s`)),
        opts.timeoutMs,
      );
    };
    const done = (err?: Error): void => {
      clearTimeout(timer);
      stream?.stop();
      if (err) reject(err);
      else chain.then(resolve, reject);
    };
    const handlers = {
      onPicture: (p: Picture) => {
        if (got >= opts.count) return;
        const index = got++;
        chain = chain.then(() => onPicture(p, index));
        arm();
        if (got >= opts.count) done();
      },
      onExit: (error: string | undefined) => {
        const why = redactUrl(error ?? 'stream ended').replace(`${spec.display}: `, '');
        if (got < opts.count) done(new InputError(`cannot read ${spec.display}: ${why}`));
      },
    };
    arm();
    stream =
      spec.kind === 'image' ? startStillStream(spec, still, handlers) : startFfmpegStream(spec, settings, handlers);
  });
}
