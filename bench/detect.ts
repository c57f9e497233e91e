/**
 * `npm run bench -- detect [--seconds 5] [--rounds 3] [--workers 2] [--threads 1] [--cameras 8] [--variants a,b,c]`
 *
 * Bare onnxruntime throughput (N worker threads, each one session with the same intra-op threads, session.run on a
 * fixed tensor of the same input size) against the full detect stage in the same run (the real DetectPipeline:
 * worker pool, pre-processing, inference, decoding, NMS, tracking; motion gate off so every frame is analysed).
 * The two are measured in alternating windows (`rounds` each) so both see the same background load. Reported:
 * frames/s (wall) and process CPU per frame; `ratio` = bare CPU per frame / full CPU per frame (what the throughput
 * ratio is on an otherwise idle box; wall-clock ratios are printed too, but on a shared 2-core machine they mostly
 * measure the neighbours). Frames are real: the demo parking-lot clip, decoded once by ffmpeg. The baseline always
 * runs the original float32 export of the network on a ready tensor; the stage runs the model named:
 *   a  yolox-nano-u8 (the default: same network, pixel conversion inside the graph), frames 416x234 (camera width =
 *      model width: ffmpeg scales, we only copy bytes in)  → `ratio`
 *   f  yolox-nano (float32 input: conversion in JavaScript), same frames
 *   b  yolox-nano-dynamic-u8, same frames, canvas 416x256 (the padding is not computed); baseline: the float
 *      yolox-nano-dynamic at 416x256
 *   c  yolox-nano-u8, frames 768x432 (resized by sharp on every frame, detect/fit.ts)
 */
import path from 'node:path';
import { shippedModelsDir, loadModel } from '../detect/model.ts';
import { Preprocessor } from '../detect/preprocess.ts';
import { videoFrames } from '../detect/video-frames.ts';
import { repoRoot } from '../kernel/testing.ts';
import type { Frame } from '../kernel/types/index.ts';
import { alternate, bareSide, stageSide, type Side, type StageTimings } from './detect/phases.ts';
import { line } from './report.ts';

const clip = path.join(repoRoot, 'demo/media/intel_car-detection_parkinglot_overhead.mp4');

function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

async function decode(width?: number): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of videoFrames(clip, { fps: 1, maxFrames: 30, ...(width ? { width } : {}) })) out.push(f);
  return out;
}

interface Figures {
  readonly bareFps: number;
  readonly fullFps: number;
  readonly bareCpuMsPerFrame: number;
  readonly fullCpuMsPerFrame: number;
  readonly ratio: number;
  readonly wallRatio: number;
  /** Frames/s two dedicated cores sustain at the measured CPU cost per frame. */
  readonly capacityFps: number;
  readonly stage: StageTimings;
}

async function compare(
  label: string,
  bare: Side,
  stage: Side & { stats(): StageTimings },
  rounds: number,
  seconds: number,
  cores: number,
): Promise<Figures> {
  const [b, f] = await alternate(bare, stage, rounds, seconds);
  const stats = stage.stats();
  const fig: Figures = {
    bareFps: b.frames / b.wallS,
    fullFps: f.frames / f.wallS,
    bareCpuMsPerFrame: b.cpuMs / b.frames,
    fullCpuMsPerFrame: f.cpuMs / f.frames,
    ratio: b.cpuMs / b.frames / (f.cpuMs / f.frames),
    wallRatio: f.frames / f.wallS / (b.frames / b.wallS),
    capacityFps: (cores * 1000) / (f.cpuMs / f.frames),
    stage: stats,
  };
  line(
    `${label}: bare onnxruntime`,
    `${fig.bareFps.toFixed(1)} frames/s, ${fig.bareCpuMsPerFrame.toFixed(2)} CPU ms/frame`,
  );
  line(
    `${label}: full detect stage`,
    `${fig.fullFps.toFixed(1)} frames/s, ${fig.fullCpuMsPerFrame.toFixed(2)} CPU ms/frame`,
  );
  line(
    `${label}:   in the worker: pre / infer / post (means)`,
    `${fig.stage.preMs} / ${fig.stage.inferenceMs} / ${fig.stage.postMs}`,
    'ms',
  );
  line(`${label}:   main thread: tracking`, String(fig.stage.trackMs), 'ms');
  line(`${label}: ratio (CPU per frame, bare / full)`, fig.ratio.toFixed(3));
  line(`${label}: ratio (wall frames/s, full / bare)`, fig.wallRatio.toFixed(3));
  line(
    `${label}: capacity on ${cores} idle cores`,
    `${fig.capacityFps.toFixed(1)} frames/s = ${Math.floor(fig.capacityFps)} cameras at 1 fps, every frame analysed`,
  );
  return fig;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const seconds = Number(arg(args, 'seconds', '5'));
  const rounds = Number(arg(args, 'rounds', '3'));
  const workers = Number(arg(args, 'workers', '2'));
  const threads = Number(arg(args, 'threads', '1'));
  const cameras = Number(arg(args, 'cameras', '8'));
  const variants = arg(args, 'variants', 'a,f,b,c').split(',');
  const cores = workers * threads;
  const small = await decode(416);
  const native = variants.includes('c') ? await decode() : [];
  line(
    'frames',
    `${small.length} real frames ` +
      `${small[0]?.width}x${small[0]?.height}${native.length ? ` and ${native[0]?.width}x${native[0]?.height}` : ''}`,
  );
  line('workers x intra-op threads', `${workers} x ${threads}; ${rounds} alternating windows of ${seconds} s per side`);
  const out: Record<string, unknown> = { workers, threads, seconds, rounds, cameras };
  const run = async (
    key: string,
    model: string,
    frames: readonly Frame[],
    width: number,
    height: number,
    bareModel = model,
  ): Promise<Figures> => {
    const m = loadModel(shippedModelsDir, bareModel);
    // The baseline feeds a real frame too (the same tensor every run), pre-processed once here.
    const pre = new Preprocessor(m.manifest.input);
    const first = frames[0];
    const input = first ? Float32Array.from(pre.view(1, pre.write(first))) : undefined;
    const bare = await bareSide({
      file: m.onnxFile,
      inputName: m.manifest.input.name,
      width,
      height,
      workers,
      threads,
      ...(input ? { input } : {}),
    });
    const stage = await stageSide({ model, frames, cameras, workers, threads });
    try {
      return await compare(key, bare, stage, rounds, seconds, cores);
    } finally {
      await Promise.all([bare.close(), stage.close()]);
    }
  };
  if (variants.includes('a')) {
    const a = await run('a', 'yolox-nano-u8', small, 416, 416, 'yolox-nano');
    Object.assign(out, { ...a, camerasAt1Fps: Math.floor(a.capacityFps) });
  }
  if (variants.includes('f')) out.floatInput = await run('f', 'yolox-nano', small, 416, 416);
  if (variants.includes('b'))
    out.dynamic = await run('b', 'yolox-nano-dynamic-u8', small, 416, 256, 'yolox-nano-dynamic');
  if (variants.includes('c')) out.nativeResize = await run('c', 'yolox-nano-u8', native, 416, 416, 'yolox-nano');
  out.ratio ??= (['floatInput', 'dynamic', 'nativeResize'] as const)
    .map((k) => (out[k] as Figures | undefined)?.ratio)
    .find((r) => r !== undefined);
  return out;
}
