/** ffprobe a media file for tests: codec, size and duration of its first video stream. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface VideoInfo {
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  /** Seconds (container duration). */
  readonly duration: number;
}

export async function probeVideo(file: string): Promise<VideoInfo> {
  const { stdout } = await promisify(execFile)('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height:format=duration',
    '-of',
    'json',
    file,
  ]);
  const j = JSON.parse(stdout) as {
    streams?: { codec_name: string; width: number; height: number }[];
    format?: { duration?: string };
  };
  const s = j.streams?.[0];
  if (!s) throw new Error(`${file} has no video stream`);
  return { codec: s.codec_name, width: s.width, height: s.height, duration: Number(j.format?.duration ?? 0) };
}
