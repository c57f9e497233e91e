/** Still images as frames: decode any JPEG/PNG/WebP file into an RGB24 Frame (sharp). */
import sharp from 'sharp';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { Frame } from '../kernel/types/index.ts';

export interface ImageFrameOptions {
  readonly cameraId?: string;
  /** Resize to this width (aspect kept) when given. */
  readonly width?: number;
  /** With `width`: resize to exactly width × height (stretching, as ffmpeg's scale does). */
  readonly height?: number;
  readonly ts?: number;
  readonly seq?: number;
}

export async function readImageFrame(file: string | Buffer, opts: ImageFrameOptions = {}): Promise<Frame> {
  try {
    let img = sharp(file).rotate().removeAlpha().toColourspace('srgb');
    if (opts.width)
      img = img.resize(opts.height ? { width: opts.width, height: opts.height, fit: 'fill' } : { width: opts.width });
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return {
      cameraId: opts.cameraId ?? 'image',
      ts: opts.ts ?? Date.now(),
      seq: opts.seq ?? 0,
      width: info.width,
      height: info.height,
      data,
    };
  } catch (err) {
    const name = typeof file === 'string' ? file : 'image buffer';
    throw new InputError(`${name} is not a readable image: ${errorMessage(err)}`, { cause: err });
  }
}
