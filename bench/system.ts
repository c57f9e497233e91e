/**
 * `npm run bench -- system [--cameras 32,64,96,128] [--minutes 2] [--warmup 30] [--sub] [--bare-cameras 32]`
 *
 * The product as a monitoring room runs it: N real RTSP cameras (1080p25 H.264, 2 s GOP, no B-frames: an encode of
 * the real parking-lot clip, served by the local GStreamer RTSP server) into `startApp` with the demo's rules on
 * every camera (litter + vending zones covering the frame) and automatic cases, keyframe analysis at the model's
 * width. Per step: keyframes delivered / processed / detected / dropped per second, keyframe → detection latency
 * (p50/p99), hit → case latency for hits injected on the bus, CPU per camera, RSS; the RTSP server's CPU apart.
 * A step holds real time when every camera is online, ≥ 99 % of delivered keyframes are processed and p99 latency
 * is under 2 s; the largest such N is `camerasRealtime`. With `--sub` each step runs again with a 640x360 sub
 * stream as the detector's input (`cameras[].detect.url`), the main stream unused (recording off in both).
 * Baseline, measured in the same run: bare ffmpeg keyframe decode (CPU per keyframe) + bare onnxruntime (CPU per
 * inference); `ratio` = gridwatch's CPU per processed keyframe at the headline step / that sum.
 */
import { loadavg } from 'node:os';
import { loadModel, shippedModelsDir } from '../detect/model.ts';
import { cameraClip } from '../ingest/testing/clips.ts';
import { startRtspServer, type RtspTestServer } from '../ingest/testing/rtsp-server.ts';
import { bareSide } from './detect/phases.ts';
import { barePhase } from './ingest/phases.ts';
import { line } from './report.ts';
import { runStep, type StepResult } from './system/step.ts';

const GOP_S = 2;

function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] ?? fallback) : fallback;
}

async function withServers<T>(
  files: readonly string[],
  mounts: number,
  fn: (servers: readonly RtspTestServer[]) => Promise<T>,
): Promise<T> {
  const servers: RtspTestServer[] = [];
  try {
    for (const file of files) servers.push(await startRtspServer({ file, mounts }));
    return await fn(servers);
  } finally {
    for (const s of servers) await s.stop();
  }
}

function show(r: StepResult): void {
  const f = (v: number, d = 1): string => v.toFixed(d);
  line(
    `${r.sub ? 'sub stream ' : 'main stream'} ×${r.cameras}`,
    `${r.online} online; keyframes/s delivered ${f(r.delivered)}, processed ${f(r.processed)} ` +
      `(${f(r.processedShare * 100)} %; detected ${f(r.detected)}, still ${f(r.skippedStill)}), ` +
      `dropped ${f(r.dropped)}; ` +
      `latency p50/p99 ${f(r.latencyP50Ms, 0)}/${f(r.latencyP99Ms, 0)} ms; hit→case p50/p99 ` +
      `${f(r.hitToCaseP50Ms, 2)}/${f(r.hitToCaseP99Ms, 2)} ms (${r.casesSeen}/${r.hitsInjected}); ` +
      `cores: gridwatch ${f(r.nodeCores, 2)} + ffmpeg ${f(r.ffmpegCores, 2)} = ${f(r.coresPerCamera, 4)}/camera, ` +
      `RTSP server ${f(r.serverCores, 2)}; ${f(r.cpuMsPerKeyframe, 2)} CPU ms/keyframe; RSS ${f(r.rssMiB, 0)} MiB` +
      (r.realtime ? '' : '  NOT real time'),
  );
}

async function bareInferenceMs(seconds: number): Promise<number> {
  const m = loadModel(shippedModelsDir, 'yolox-nano');
  const side = await bareSide({
    file: m.onnxFile,
    inputName: m.manifest.input.name,
    width: 416,
    height: 416,
    workers: 1,
    threads: 1,
  });
  try {
    await side.measure(2);
    const w = await side.measure(seconds);
    return w.cpuMs / w.frames;
  } finally {
    await side.close();
  }
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const steps = arg(args, 'cameras', '32,64,96,128')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const measureS = Math.round(Number(arg(args, 'minutes', '2')) * 60);
  const warmupS = Number(arg(args, 'warmup', '30'));
  const withSub = args.includes('--sub');
  const bareN = Number(arg(args, 'bare-cameras', String(steps[0] ?? 32)));
  line(
    'load average at start (1/5/15 min)',
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  );
  const main = await cameraClip({ width: 1920, height: 1080, fps: 25, gopSeconds: GOP_S, seconds: 20 });
  const sub = withSub ? await cameraClip({ width: 640, height: 360, fps: 25, gopSeconds: GOP_S, seconds: 20 }) : '';
  line('camera streams', `main 1920x1080 25 fps, GOP ${GOP_S} s${withSub ? '; sub 640x360, same GOP' : ''}`);
  line('per step', `${warmupS} s warm-up, ${measureS} s measured; analysis at 416 px (the model's width)`);

  // Baseline in the same run: bare ffmpeg decoding the same keyframes, bare onnxruntime on the same input size.
  const bareDecode = await withServers([main], bareN, ([server]) =>
    barePhase({ server: server!, cameras: bareN, mode: 'keyframes', warmupS: 6, measureS: 20, gopS: GOP_S }),
  );
  const decodeMsPerKf = bareDecode.ffmpegCoresPerCamera * 1000 * GOP_S;
  const inferMs = await bareInferenceMs(10);
  line('bare ffmpeg keyframe decode', `${decodeMsPerKf.toFixed(2)} CPU ms/keyframe (${bareN} cameras)`);
  line('bare onnxruntime yolox-nano 416', `${inferMs.toFixed(2)} CPU ms/inference (1 thread)`);
  const bareMsPerKf = decodeMsPerKf + inferMs;

  const results: StepResult[] = [];
  for (const n of steps) {
    const setup = { cameras: n, keyframeRate: 1 / GOP_S, width: 416 };
    const r = await withServers([main], n, ([s]) =>
      runStep({ ...setup, main: (i) => s!.url(i) }, { warmupS, measureS, serverPids: [s!.pid] }),
    );
    show(r);
    results.push(r);
    if (withSub) {
      const rs = await withServers([main, sub], n, ([m, s]) =>
        runStep(
          { ...setup, main: (i) => m!.url(i), sub: (i) => s!.url(i) },
          { warmupS, measureS, serverPids: [s!.pid] },
        ),
      );
      show(rs);
      results.push(rs);
    }
    if (!r.realtime && !(withSub && results.at(-1)?.realtime)) break;
  }
  const held = (sub: boolean): StepResult | undefined => results.filter((r) => r.sub === sub && r.realtime).at(-1);
  const best = held(false);
  const bestSub = held(true);
  const headline = best ?? results[0];
  const ratio = headline ? headline.cpuMsPerKeyframe / bareMsPerKf : 0;
  line('cameras holding real time (main stream)', best?.cameras ?? 0);
  if (withSub) line('cameras holding real time (sub stream)', bestSub?.cameras ?? 0);
  line('ratio: CPU per keyframe / (bare decode + bare inference)', ratio);
  return {
    camerasRealtime: best?.cameras ?? 0,
    ...(withSub ? { camerasRealtimeSub: bestSub?.cameras ?? 0 } : {}),
    bare: { decodeMsPerKeyframe: decodeMsPerKf, inferenceMs: inferMs },
    steps: results,
    ratio,
  };
}
