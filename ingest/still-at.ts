/**
 * A full-resolution picture of a recorded moment: the ring segment holding `ts` decoded from its keyframe before
 * `ts` up to `ts` (ffmpeg input seek), one frame out as JPEG, decoded to RGB (sharp). Used for evidence stills of
 * cameras analysed on a sub stream: the hit's moment at the main stream's resolution.
 */
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import ffmpeg from 'fluent-ffmpeg';
import type { Frame } from '../kernel/types/index.ts';
import { readImageFrame } from './image.ts';
import type { Segment } from './ring.ts';

/** The segment holding `ts` (segments oldest first): the last one starting at or before it and written after it. */
export function segmentAt(segments: readonly Segment[], ts: number): Segment | undefined {
  const s = [...segments].reverse().find((x) => x.start <= ts);
  return s && s.end >= ts ? s : undefined;
}

/**
 * One JPEG of `file` at `offsetS` (seconds from its start). Input seeking in a growing MPEG-TS segment can land
 * past the wanted moment and give nothing, so the input is sought only to 3 s before it (a keyframe at most a GOP
 * earlier) and the rest is decoded and skipped (output seeking): at most a few seconds of decoding per still.
 */
function jpegAt(file: string, offsetS: number): Promise<Buffer> {
  const coarse = Math.max(0, offsetS - 3);
  const fine = offsetS - coarse;
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    out.on('error', () => undefined);
    ffmpeg(file)
      .inputOptions(['-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '1'])
      .inputOptions(coarse > 0 ? ['-ss', coarse.toFixed(3)] : [])
      .outputOptions(['-ss', fine.toFixed(3), '-map', '0:v:0', '-frames:v', '1'])
      .outputOptions(['-c:v', 'mjpeg', '-q:v', '2', '-f', 'image2pipe'])
      .on('error', (err: Error) => reject(err))
      .on('end', () => {
        const jpg = Buffer.concat(chunks);
        if (jpg.length === 0) reject(new Error(`no picture at ${offsetS.toFixed(3)} s of ${file}`));
        else resolve(jpg);
      })
      .output(out)
      .run();
  });
}

/** Seconds of video a segment holds (ffprobe; the live segment's so far). */
async function durationS(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'default=nw=1:nk=1',
    file,
  ]);
  const d = Number(stdout.trim());
  if (!Number.isFinite(d)) throw new Error(`${file}: no duration yet`);
  return d;
}

/**
 * The picture of `segment` at wall-clock `ts` as a Frame of `cameraId` (full resolution). A segment's name holds
 * the second it opened (rounded down), so where it really starts is taken from its end (last write) less the
 * video it holds; the offset stays inside that video (a moment at its very end is taken half a second earlier).
 */
export async function frameAt(segment: Segment, ts: number, cameraId: string): Promise<Frame> {
  const held = await durationS(segment.file);
  const start = Math.max(segment.start, segment.end - held * 1000);
  const offset = Math.min(Math.max(0, (ts - start) / 1000), Math.max(0, held - 0.15));
  // At the very end of a segment the seek can land past its last frame: then half a second earlier.
  const jpg = await jpegAt(segment.file, offset).catch((err: unknown) =>
    offset > 0 ? jpegAt(segment.file, Math.max(0, offset - 0.5)) : Promise.reject(err),
  );
  return readImageFrame(jpg, { cameraId, ts });
}
