/** A still image as a camera: decoded once (sharp), the same picture re-emitted at the analysis rate. */
import { readImageFrame } from './image.ts';
import type { DecodeSettings } from './ffmpeg-args.ts';
import type { PictureStream, StreamHandlers } from './ffmpeg-stream.ts';
import type { SourceSpec } from './source.ts';

export function startStillStream(spec: SourceSpec, settings: DecodeSettings, handlers: StreamHandlers): PictureStream {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  readImageFrame(spec.input, { width: settings.width, height: settings.height }).then(
    (frame) => {
      if (stopped) return;
      const picture = { width: frame.width, height: frame.height, data: frame.data };
      handlers.onPicture(picture);
      // A fresh copy each time: a consumer that draws on its frame must not change the next one.
      timer = setInterval(
        () => handlers.onPicture({ ...picture, data: Buffer.from(picture.data) }),
        1000 / settings.fps,
      );
    },
    (err: unknown) => {
      if (!stopped) handlers.onExit(err instanceof Error ? err.message : String(err));
    },
  );
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    pid: undefined,
  };
}
