/** Frames to JPEG (sharp), for snapshots and evidence. */
import sharp from 'sharp';
import type { Frame } from '../kernel/types/index.ts';

export async function frameToJpeg(frame: Frame, quality = 85): Promise<Buffer> {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality, mozjpeg: false })
    .toBuffer();
}
