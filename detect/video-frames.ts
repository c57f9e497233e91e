/** Frames of a video file at a fixed rate through one long-running ffmpeg pipe (for the CLI and the benchmark). */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { FrameSplitter } from '../ingest/frame-splitter.ts';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { Frame } from '../kernel/types/index.ts';

const run = promisify(execFile);

export interface VideoInfo {
  readonly width: number;
  readonly height: number;
  readonly durationS: number;
}

/** Width, height and duration of the first video stream; InputError when the file has none. */
export async function probeVideo(file: string): Promise<VideoInfo> {
  let out: string;
  try {
    const r = await run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:format=duration',
      '-of',
      'json',
      file,
    ]);
    out = r.stdout;
  } catch (err) {
    const msg = (err as { stderr?: string }).stderr?.trim() || errorMessage(err);
    throw new InputError(`${file} is neither an image nor a readable video: ${msg.split('\n')[0]}`);
  }
  const j = JSON.parse(out) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
  const s = j.streams?.[0];
  if (!s?.width || !s.height)
    throw new InputError(`${file} is neither an image nor a readable video: ffprobe finds no video stream in it`);
  return { width: s.width, height: s.height, durationS: Number(j.format?.duration ?? 0) };
}

export interface VideoFramesOptions {
  readonly fps: number;
  /** Scale to this width (ffmpeg bilinear, aspect kept); native size when omitted. */
  readonly width?: number;
  readonly maxFrames?: number;
  readonly cameraId?: string;
}

/** Frames of `file` at `fps`; `ts` is the frame time in ms from the start of the file. */
export async function* videoFrames(file: string, opts: VideoFramesOptions): AsyncGenerator<Frame> {
  const info = await probeVideo(file);
  const width = opts.width ?? info.width;
  const height = opts.width ? Math.round((info.height * opts.width) / info.width / 2) * 2 : info.height;
  const vf = `fps=${opts.fps}${opts.width ? `,scale=${width}:${height}:flags=bilinear` : ''}`;
  const ff = spawn(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-vf', vf, '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  ff.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => ff.on('close', resolve));
  const splitter = new FrameSplitter(width, height);
  let seq = 0;
  try {
    for await (const chunk of ff.stdout) {
      for (const data of splitter.push(chunk as Buffer)) {
        yield { cameraId: opts.cameraId ?? 'video', ts: Math.round((seq * 1000) / opts.fps), seq, width, height, data };
        if (++seq >= (opts.maxFrames ?? Infinity)) return;
      }
    }
    const code = await exited;
    if (code !== 0)
      throw new InputError(`ffmpeg could not decode ${file}: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`);
  } finally {
    if (ff.exitCode === null) ff.kill('SIGKILL');
  }
}
