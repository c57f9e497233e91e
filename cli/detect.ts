/** `gridwatch detect FILE`: run a model on an image or a video file; print detections, optionally annotate. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { annotateFrame, detectionMarks } from '../detect/annotate.ts';
import { Detector } from '../detect/detector.ts';
import { loadModel, shippedModelsDir } from '../detect/model.ts';
import { videoFrames } from '../detect/video-frames.ts';
import { readImageFrame } from '../ingest/image.ts';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';

interface DetectFlags {
  readonly model: string;
  readonly models: string;
  readonly threshold?: string;
  readonly json?: boolean;
  readonly annotate?: string;
  readonly fps: string;
  readonly maxFrames?: string;
}

export interface JsonDetection {
  readonly label: string;
  readonly score: number;
  readonly box: readonly [number, number, number, number];
}

export function toJson(d: Detection): JsonDetection {
  return {
    label: d.label,
    score: Math.round(d.score * 1000) / 1000,
    box: [d.box.x1, d.box.y1, d.box.x2, d.box.y2].map(Math.round) as [number, number, number, number],
  };
}

function number(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isFinite(n) && n >= min && n <= max))
    throw new InputError(`--${name} must be a number ${min}–${max}, got "${v}"`);
  return n;
}

function text(dets: readonly Detection[]): string {
  return dets.map((d) => `${d.label.padEnd(14)} ${d.score.toFixed(3)}  [${toJson(d).box.join(', ')}]`).join('\n');
}

async function runDetect(file: string, flags: DetectFlags): Promise<void> {
  const scoreThreshold = number('threshold', flags.threshold, 0, 1);
  const fps = number('fps', flags.fps, 0.01, 60) ?? 1;
  const maxFrames = number('max-frames', flags.maxFrames, 1, 1e7);
  const model = loadModel(path.resolve(flags.models), flags.model);
  const detector = await Detector.create(model, {
    executionProviders: ['cpu'],
    threads: 2,
    ...(scoreThreshold === undefined ? {} : { scoreThreshold }),
  });
  try {
    let image: Frame | undefined;
    let imageError = '';
    try {
      image = await readImageFrame(file, { cameraId: 'cli' });
    } catch (err) {
      imageError = errorMessage(err);
    }
    let best: { frame: Frame; dets: readonly Detection[] } | undefined;
    if (image) {
      const [r] = await detector.detect([image]);
      const dets = r?.detections ?? [];
      best = { frame: image, dets };
      process.stdout.write(`${flags.json ? JSON.stringify(dets.map(toJson)) : text(dets) || '(nothing detected)'}\n`);
    } else {
      const out: { time: number; frame: number; detections: JsonDetection[] }[] = [];
      try {
        for await (const f of videoFrames(file, { fps, cameraId: 'cli', ...(maxFrames ? { maxFrames } : {}) })) {
          const [r] = await detector.detect([f]);
          const dets = r?.detections ?? [];
          if (!best || dets.length > best.dets.length) best = { frame: f, dets };
          out.push({ time: f.ts / 1000, frame: f.seq, detections: dets.map(toJson) });
          if (!flags.json)
            process.stdout.write(`t=${(f.ts / 1000).toFixed(2)}s  ${dets.length} detections\n${text(dets)}\n`);
        }
      } catch (err) {
        throw new InputError(`${imageError}; ${errorMessage(err)}`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    }
    if (flags.annotate && best) {
      const fmt = /\.png$/i.test(flags.annotate) ? 'png' : 'jpeg';
      writeFileSync(flags.annotate, await annotateFrame(best.frame, { boxes: detectionMarks(best.dets), format: fmt }));
      process.stderr.write(`annotated image written to ${flags.annotate}\n`);
    }
  } finally {
    await detector.close();
  }
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description(
      'detect objects in an image or a video file; prints label, score and box [x1, y1, x2, y2] in image pixels',
    )
    .argument('<file>', 'image (JPEG/PNG/WebP…) or video file')
    .option('-m, --model <name>', 'model folder name under --models', 'yolox-nano-u8')
    .option('--models <dir>', 'folder holding the models', shippedModelsDir)
    .option('-t, --threshold <score>', "score threshold 0–1 (default: the model manifest's)")
    .option(
      '--json',
      'print JSON: an array of detections (image) or one {time, frame, detections} per analysed frame (video)',
    )
    .option('-a, --annotate <out.jpg>', 'write an annotated image (for a video: the frame with most detections)')
    .option('--fps <n>', 'video: frames analysed per second', '1')
    .option('--max-frames <n>', 'video: stop after this many analysed frames')
    .action(async (file: string, flags: DetectFlags) => {
      try {
        await runDetect(file, flags);
      } catch (err) {
        process.stderr.write(`gridwatch detect: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
