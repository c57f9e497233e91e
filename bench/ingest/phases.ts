/**
 * One measured phase of the ingest benchmark: N cameras pulled from the local RTSP server, either by bare ffmpeg
 * processes (the baseline: same decode, output to /dev/null) or by the real CameraManager pipeline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CameraManager } from '../../ingest/manager.ts';
import { ingestContext } from '../../ingest/testing/context.ts';
import type { RtspTestServer } from '../../ingest/testing/rtsp-server.ts';
import { CpuMeter, processCores } from './cpu.ts';

export type Mode = 'full' | 'keyframes';

export interface PhaseOptions {
  readonly server: RtspTestServer;
  readonly cameras: number;
  readonly mode: Mode;
  readonly warmupS: number;
  readonly measureS: number;
  /** GOP of the served file, seconds: the keyframe-only rate. */
  readonly gopS: number;
}

export interface PhaseResult {
  readonly cameras: number;
  readonly mode: Mode;
  /** ffmpeg cores per camera. */
  readonly ffmpegCoresPerCamera: number;
  /** Node's own cores (the pipeline's share), 0 for bare ffmpeg. */
  readonly nodeCores: number;
  /** (ffmpeg + Node) cores per camera. */
  readonly coresPerCamera: number;
  /** What the RTSP server (the cameras) used meanwhile. */
  readonly serverCores: number;
  readonly expectedFps: number;
  /** Frames per second delivered per camera in the window (pipeline only): slowest and mean. */
  readonly minFps: number;
  readonly meanFps: number;
  readonly online: number;
  readonly restarts: number;
  /** A camera error seen, if any. */
  readonly error?: string;
  readonly realtime: boolean;
}

const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));
const expectedFps = (o: PhaseOptions): number => (o.mode === 'full' ? 1 : 1 / o.gopS);

async function measure(
  o: PhaseOptions,
  meter: CpuMeter,
  onSecond?: (elapsedS: number) => void,
): Promise<{ cores: ReturnType<CpuMeter['cores']>; serverCores: number }> {
  const { cores: serverCores, result } = await processCores(o.server.pid, async () => {
    meter.start();
    for (let t = 1; t <= o.measureS; t++) {
      await sleep(1);
      meter.sample();
      onSecond?.(t);
    }
    return meter.cores();
  });
  return { cores: result, serverCores };
}

/** Bare ffmpeg per camera, decoding as the pipeline does, frames to /dev/null (counted from -progress). */
export async function barePhase(o: PhaseOptions): Promise<PhaseResult> {
  const vf =
    o.mode === 'full'
      ? ['-vf', 'fps=1,scale=640:-2:flags=bilinear']
      : ['-vf', 'scale=640:-2:flags=bilinear', '-fps_mode', 'passthrough'];
  const skip = o.mode === 'keyframes' ? ['-skip_frame', 'nokey'] : [];
  const procs: ChildProcess[] = [];
  const frames: number[] = [];
  for (let i = 1; i <= o.cameras; i++) {
    const args = [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'error',
      '-progress',
      'pipe:1',
      '-threads',
      '1',
      ...skip,
      '-rtsp_transport',
      'tcp',
      '-i',
      o.server.url(i),
    ];
    const p = spawn(
      'ffmpeg',
      [...args, '-map', '0:v:0', ...vf, '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-y', '/dev/null'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    frames.push(0);
    p.stdout?.on('data', (d: Buffer) => {
      const m = /frame=(\d+)\s*$/m.exec(d.toString().split('progress=')[0] ?? '');
      if (m) frames[i - 1] = Number(m[1]);
    });
    procs.push(p);
  }
  try {
    await sleep(o.warmupS);
    const online = procs.filter((p) => p.exitCode === null).length;
    const before = [...frames];
    const { cores, serverCores } = await measure(o, new CpuMeter('ffmpeg'));
    const rates = frames.map((f, i) => (f - (before[i] ?? 0)) / (cores.wallMs / 1000));
    const per = cores.children / o.cameras;
    const minFps = Math.min(...rates);
    const meanFps = rates.reduce((a, b) => a + b, 0) / rates.length;
    const fps = expectedFps(o);
    const realtime = online === o.cameras && minFps >= 0.8 * fps && meanFps >= 0.9 * fps;
    return {
      cameras: o.cameras,
      mode: o.mode,
      ffmpegCoresPerCamera: per,
      nodeCores: 0,
      coresPerCamera: per,
      serverCores,
      expectedFps: fps,
      minFps,
      meanFps,
      online,
      restarts: 0,
      realtime,
    };
  } finally {
    // SIGTERM: ffmpeg sends its RTSP TEARDOWN, as the pipeline's own stop does.
    for (const p of procs) p.kill('SIGTERM');
    await sleep(1);
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  }
}

/** The real CameraManager: N cameras, frames counted by the onFrame callback; `onSecond` runs each measured second. */
export async function pipelinePhase(o: PhaseOptions, onSecond?: (elapsedS: number) => void): Promise<PhaseResult> {
  const fps = expectedFps(o);
  const cameras = Array.from({ length: o.cameras }, (_, i) => ({
    id: `cam${i + 1}`,
    source: o.server.url(i + 1),
    fps,
    width: 640,
    keyframesOnly: o.mode === 'keyframes',
    record: false,
    stallSeconds: 20,
  }));
  const ctx = ingestContext({ media: { enabled: false }, cameras });
  const counts = new Map<string, number>();
  let counting = false;
  const manager = new CameraManager(ctx, {
    onFrame: (f) => {
      if (counting) counts.set(f.cameraId, (counts.get(f.cameraId) ?? 0) + 1);
    },
  });
  await manager.start();
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && manager.statuses().some((s) => s.state !== 'online')) await sleep(0.5);
    await sleep(o.warmupS);
    counting = true;
    const meter = new CpuMeter('ffmpeg');
    const { cores, serverCores } = await measure(o, meter, onSecond);
    counting = false;
    const rates = cameras.map((c) => (counts.get(c.id) ?? 0) / (cores.wallMs / 1000));
    const minFps = Math.min(...rates);
    const meanFps = rates.reduce((a, b) => a + b, 0) / rates.length;
    const statuses = manager.statuses();
    const online = statuses.filter((s) => s.state === 'online').length;
    const restarts = statuses.reduce((a, s) => a + s.restarts, 0);
    const error = statuses.find((s) => s.error)?.error;
    const floorCount = Math.floor(fps * o.measureS * 0.8);
    const realtime =
      online === o.cameras && cameras.every((c) => (counts.get(c.id) ?? 0) >= floorCount) && meanFps >= 0.9 * fps;
    return {
      cameras: o.cameras,
      mode: o.mode,
      ffmpegCoresPerCamera: cores.children / o.cameras,
      nodeCores: cores.self,
      coresPerCamera: (cores.children + cores.self) / o.cameras,
      serverCores,
      expectedFps: fps,
      minFps,
      meanFps,
      online,
      restarts,
      error,
      realtime,
    };
  } finally {
    await manager.stop();
    await sleep(1);
  }
}
