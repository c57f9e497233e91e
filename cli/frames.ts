/** `gridwatch frames SOURCE --count N`: write N JPEG frames from any camera source, a quick check of a camera URL. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { errorMessage } from '../kernel/errors.ts';
import { grabFrames } from '../ingest/grab.ts';
import { frameToJpeg } from '../ingest/jpeg.ts';

interface FramesFlags {
  readonly count: string;
  readonly fps: string;
  readonly width: string;
  readonly out: string;
  readonly keyframes?: boolean;
  readonly timeout: string;
}

function numberFlag(name: string, value: string, min: number, max: number, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function registerFramesCommand(program: Command): void {
  program
    .command('frames')
    .description('write N JPEG frames from a camera source (rtsp/rtmp/http URL, video file or image) and exit')
    .argument('<source>', 'rtsp://, rtmp://, http(s):// URL, video file or image file')
    .requiredOption('-n, --count <n>', 'number of frames to write')
    .option('--fps <f>', 'frames per second to take', '1')
    .option('--width <w>', 'frame width in pixels (aspect kept)', '640')
    .option('--out <dir>', 'folder to write frame-0001.jpg … into', '.')
    .option('--keyframes', 'decode keyframes only (cheap; one frame per GOP)')
    .option('--timeout <s>', 'fail when no frame comes for this many seconds', '20')
    .action(async (source: string, flags: FramesFlags) => {
      try {
        const count = numberFlag('count', flags.count, 1, 100_000, true);
        const fps = numberFlag('fps', flags.fps, 0.05, 60, false);
        const width = numberFlag('width', flags.width, 32, 4096, true);
        const timeoutMs = numberFlag('timeout', flags.timeout, 1, 3600, false) * 1000;
        mkdirSync(flags.out, { recursive: true });
        const opts = { count, fps, width, keyframesOnly: flags.keyframes, timeoutMs, baseDir: process.cwd() };
        await grabFrames(source, opts, async (p, i) => {
          const file = path.join(flags.out, `frame-${String(i + 1).padStart(4, '0')}.jpg`);
          writeFileSync(file, await frameToJpeg({ cameraId: 'cli', ts: Date.now(), seq: i, ...p }));
          process.stdout.write(`${file} ${p.width}x${p.height}\n`);
        });
        process.stdout.write(`wrote ${count} frame(s) to ${path.resolve(flags.out)}\n`);
      } catch (err) {
        process.stderr.write(`gridwatch frames: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
