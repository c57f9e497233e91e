/**
 * `npm run bench -- ingest [--cameras 32,64,96,128] [--full 8] [--minutes 1] [--measure 20] [--memory-cameras N]`
 *
 * N 1080p25 H.264 cameras (2 s GOP, no B-frames: a 1080p encode of the real parking-lot clip, made once) served
 * over RTSP by the local GStreamer server, pulled by the real CameraManager. Reports cores per camera for full
 * decoding (1 fps out) and keyframe-only decoding, each against bare ffmpeg doing the same decode (the baseline),
 * the largest N that keeps real time (every camera delivering its rate), and the process memory over a longer run.
 * The RTSP server runs on the same 2 cores: its CPU is reported apart and squeezes the ingest.
 */
import { loadavg } from 'node:os';
import { cameraClip } from '../ingest/testing/clips.ts';
import { startRtspServer, type RtspTestServer } from '../ingest/testing/rtsp-server.ts';
import { heapMiB } from './ingest/cpu.ts';
import { barePhase, pipelinePhase, type Mode, type PhaseResult } from './ingest/phases.ts';
import { line, rssMiB } from './report.ts';

const GOP_S = 2;

function arg(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] ?? fallback) : fallback;
}

function show(label: string, r: PhaseResult): void {
  const rate = `, ${r.meanFps.toFixed(2)} fps/cam (min ${r.minFps.toFixed(2)}, want ${r.expectedFps.toFixed(2)})`;
  const trouble = r.realtime
    ? ''
    : ` NOT real time (${r.online} online, ${r.restarts} restarts${r.error ? `, e.g. "${r.error}"` : ''})`;
  line(
    `${label} ×${r.cameras}`,
    `${r.coresPerCamera.toFixed(4)} core/cam (node ${r.nodeCores.toFixed(3)}, rtsp server ` +
      `${r.serverCores.toFixed(2)})${rate}${trouble}`,
  );
}

/** Slope of y over x (least squares). */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const steps = arg(args, 'cameras', '32,64,96,128')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const fullN = Number(arg(args, 'full', '8'));
  const minutes = Number(arg(args, 'minutes', '1'));
  const measureS = Number(arg(args, 'measure', '20'));
  line(
    'load average at start (1/5/15 min)',
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  );
  const file = await cameraClip({ width: 1920, height: 1080, fps: 25, gopSeconds: GOP_S, seconds: 20 });
  line('camera stream', `1920x1080 25 fps H.264, GOP ${GOP_S} s, no B-frames (${file})`);
  const phase = { warmupS: 6, measureS, gopS: GOP_S };
  // A fresh RTSP server per phase: GStreamer 1.22's RTSP server can deadlock when many clients leave while their
  // pipelines loop (see ingest/testing/rtsp_server.py), which would make later phases measure the server, not us.
  const withServer = async (
    cameras: number,
    fn: (server: RtspTestServer) => Promise<PhaseResult>,
  ): Promise<PhaseResult> => {
    const server = await startRtspServer({ file, mounts: cameras });
    try {
      return await fn(server);
    } finally {
      await server.stop();
    }
  };
  const run = (mode: Mode, cameras: number, bare: boolean): Promise<PhaseResult> =>
    withServer(cameras, (server) => (bare ? barePhase : pipelinePhase)({ ...phase, server, mode, cameras }));
  const bareFull = await run('full', fullN, true);
  show('bare ffmpeg, full decode 1 fps', bareFull);
  const full = await run('full', fullN, false);
  show('pipeline, full decode 1 fps', full);
  const bareKey = await run('keyframes', fullN, true);
  show('bare ffmpeg, keyframes only', bareKey);
  const key = await run('keyframes', fullN, false);
  show('pipeline, keyframes only', key);

  const ramp: PhaseResult[] = [];
  for (const n of steps) {
    const r = await run('keyframes', n, false);
    show('pipeline, keyframes only', r);
    ramp.push(r);
    if (!r.realtime) break;
  }
  const best = ramp.filter((r) => r.realtime).at(-1);

  const memN = Number(arg(args, 'memory-cameras', String(best?.cameras ?? fullN)));
  const samples: [number, number][] = [];
  const heap: number[] = [];
  const mem = await withServer(memN, (server) =>
    pipelinePhase({ ...phase, server, mode: 'keyframes', cameras: memN, measureS: Math.round(minutes * 60) }, (t) => {
      if (t % 10 === 0) {
        samples.push([t / 60, rssMiB()]);
        heap.push(heapMiB());
      }
    }),
  );
  show(`memory run ${minutes} min, keyframes only`, mem);
  const rss = samples.map((s) => s[1]);
  const rssSlope = slope(samples.slice(1));
  line(
    'node RSS first / last / max',
    `${rss[0]?.toFixed(0)} / ${rss.at(-1)?.toFixed(0)} / ${Math.max(...rss).toFixed(0)} MiB (slope ` +
      `${rssSlope.toFixed(2)} MiB/min)`,
  );
  line('node heap first / last', `${heap[0]?.toFixed(1)} / ${heap.at(-1)?.toFixed(1)} MiB`);
  line(
    'load average at end (1/5/15 min)',
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  );
  line(
    'largest N in real time (keyframes only)',
    best ? `${best.cameras} (tried ${ramp.map((r) => r.cameras).join(', ')})` : 'none',
  );
  const keyVsFull = key.coresPerCamera / full.coresPerCamera;
  line('keyframe-only cost / full decode', keyVsFull);
  line('full-decode real-time ceiling (2 cores / cost)', Math.floor(2 / full.coresPerCamera));
  const ratio = key.coresPerCamera / bareKey.coresPerCamera;
  line('ratio: pipeline / bare ffmpeg (keyframes only)', ratio);
  return {
    ratio,
    keyframeVsFull: keyVsFull,
    fullCoresPerCamera: full.coresPerCamera,
    fullBareCoresPerCamera: bareFull.coresPerCamera,
    keyframeCoresPerCamera: key.coresPerCamera,
    keyframeBareCoresPerCamera: bareKey.coresPerCamera,
    fullRealtimeCeiling: Math.floor(2 / full.coresPerCamera),
    maxRealtimeCamerasKeyframes: best?.cameras ?? 0,
    ramp: ramp.map((r) => ({
      cameras: r.cameras,
      coresPerCamera: r.coresPerCamera,
      serverCores: r.serverCores,
      meanFps: r.meanFps,
      minFps: r.minFps,
      realtime: r.realtime,
    })),
    loadAverageAtEnd: loadavg()[1],
    memoryMinutes: minutes,
    memoryCameras: memN,
    rssFirstMiB: rss[0],
    rssLastMiB: rss.at(-1),
    rssMaxMiB: Math.max(...rss),
    rssSlopeMiBPerMin: rssSlope,
  };
}
