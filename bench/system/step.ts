/**
 * One step of the system benchmark: `startApp` with N cameras (bench/system/config.ts), warmed up, then measured:
 * keyframes delivered / analysed / dropped per second (the detector's counters), keyframe → detection latency
 * percentiles, hit → case latency for hits injected on the bus, CPU of gridwatch (all its threads) and of its ffmpeg
 * children per camera, the RTSP server's CPU apart, and resident memory (gridwatch + its ffmpegs).
 */
import { readFileSync } from 'node:fs';
import { startApp, type App } from '../../app.ts';
import type { CameraManager } from '../../ingest/manager.ts';
import type { DetectPipeline } from '../../detect/service.ts';
import { silentLogger } from '../../kernel/log.ts';
import type { Hit } from '../../kernel/types/index.ts';
import { children, CpuMeter, processCores } from '../ingest/cpu.ts';
import { systemConfig, type SystemSetup } from './config.ts';

export interface StepResult {
  readonly cameras: number;
  readonly sub: boolean;
  readonly online: number;
  /** Per second, all cameras together. */
  readonly delivered: number;
  readonly processed: number;
  readonly detected: number;
  readonly skippedStill: number;
  readonly dropped: number;
  /** processed / delivered. */
  readonly processedShare: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly hitToCaseP50Ms: number;
  readonly hitToCaseP99Ms: number;
  readonly hitsInjected: number;
  readonly casesSeen: number;
  /** Cores: gridwatch's process (main thread + detector workers), its ffmpegs, the RTSP server(s). */
  readonly nodeCores: number;
  readonly ffmpegCores: number;
  readonly serverCores: number;
  readonly coresPerCamera: number;
  /** CPU ms per keyframe processed (gridwatch + ffmpeg). */
  readonly cpuMsPerKeyframe: number;
  readonly rssMiB: number;
  readonly realtime: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

function counters(d: DetectPipeline): { received: number; analysed: number; skipped: number; dropped: number } {
  const s = d.health().stats ?? {};
  const n = (k: string): number => Number(s[k] ?? 0);
  return { received: n('received'), analysed: n('analysed'), skipped: n('skippedStill'), dropped: n('dropped') };
}

function injected(i: number, camera: string): Hit {
  const now = Date.now();
  return {
    id: `bench-${camera}-${i}-${now}`,
    rule: 'vending',
    category: '05-04',
    cameraId: camera,
    zoneId: `${camera}-vending`,
    start: now,
    lastSeen: now,
    repeat: 1,
    region: { x1: 0.05 + (i % 9) * 0.1, y1: 0.1, x2: 0.1 + (i % 9) * 0.1, y2: 0.2 },
    boxes: [],
    evidence: [],
  };
}

/** Hits put on the bus every `everyMs` while measuring; resolves with the latencies of the cases they opened. */
function injectHits(app: App, cameras: number, everyMs: number): { stop(): Promise<{ sent: number; ms: number[] }> } {
  const sentAt = new Map<string, number>();
  const ms: number[] = [];
  const off = app.ctx.bus.on('case', (e) => {
    const refs = e.type === 'created' ? e.case.sourceRefs : e.type === 'attached' ? [e.ref] : [];
    for (const ref of refs) {
      const id = ref.slice(4);
      const t = ref.startsWith('hit:bench-') ? sentAt.get(id) : undefined;
      if (t === undefined) continue;
      ms.push(performance.now() - t);
      sentAt.delete(id); // counted once
    }
  });
  let i = 0;
  let sent = 0;
  const timer = setInterval(() => {
    const hit = injected(i, `cam${(i % cameras) + 1}`);
    i++;
    sent++;
    sentAt.set(hit.id, performance.now());
    app.ctx.bus.emit('hit', { phase: 'start', hit });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sleep(2000);
      off();
      return { sent, ms };
    },
  };
}

export async function runStep(
  setup: SystemSetup,
  o: { warmupS: number; measureS: number; serverPids: readonly (number | undefined)[] },
): Promise<StepResult> {
  const app = await startApp({ loaded: systemConfig(setup), log: silentLogger() });
  try {
    const cams = app.components.find((c) => c.name === 'cameras') as CameraManager;
    const det = app.components.find((c) => c.name === 'detector') as DetectPipeline;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && cams.statuses().some((s) => s.state !== 'online')) await sleep(500);
    await sleep(o.warmupS * 1000);
    const before = counters(det);
    const meter = new CpuMeter('ffmpeg');
    const inject = injectHits(app, setup.cameras, 2000);
    const serverBefore = o.serverPids.map((pid) => processCores(pid, () => sleep(o.measureS * 1000)));
    meter.start();
    let rssPeak = 0;
    for (let t = 0; t < o.measureS; t++) {
      await sleep(1000);
      meter.sample();
      const kids = children(process.pid, 'ffmpeg').reduce((a, c) => a + rssKiB(c.pid), 0);
      rssPeak = Math.max(rssPeak, (rssKiB(process.pid) + kids) / 1024);
    }
    const cores = meter.cores();
    const serverCores = (await Promise.all(serverBefore)).reduce((a, r) => a + r.cores, 0);
    const after = counters(det);
    const hits = await inject.stop();
    const s = det.health().stats ?? {};
    const wallS = cores.wallMs / 1000;
    const per = (k: keyof typeof before): number => (after[k] - before[k]) / wallS;
    const delivered = per('received');
    const processed = per('analysed') + per('skipped');
    const online = cams.statuses().filter((x) => x.state === 'online').length;
    const latencyP99Ms = Number(s.latencyP99Ms ?? 0);
    const processedShare = delivered > 0 ? processed / delivered : 0;
    const total = cores.self + cores.children;
    return {
      cameras: setup.cameras,
      sub: setup.sub !== undefined,
      online,
      delivered,
      processed,
      detected: per('analysed'),
      skippedStill: per('skipped'),
      dropped: per('dropped'),
      processedShare,
      latencyP50Ms: Number(s.latencyP50Ms ?? 0),
      latencyP99Ms,
      hitToCaseP50Ms: percentile(hits.ms, 50),
      hitToCaseP99Ms: percentile(hits.ms, 99),
      hitsInjected: hits.sent,
      casesSeen: hits.ms.length,
      nodeCores: cores.self,
      ffmpegCores: cores.children,
      serverCores,
      coresPerCamera: total / setup.cameras,
      cpuMsPerKeyframe: processed > 0 ? (total * 1000) / processed : 0,
      rssMiB: rssPeak,
      realtime:
        online === setup.cameras &&
        delivered >= 0.9 * setup.cameras * setup.keyframeRate &&
        processedShare >= 0.99 &&
        latencyP99Ms < 2000,
    };
  } finally {
    await app.stop();
    await sleep(1500);
  }
}
