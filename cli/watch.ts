/**
 * `gridwatch watch SOURCE --rule vending|litter --zone "x1,y1 x2,y2 x3,y3 …"`: ingest + detect + one rule on one
 * source; prints each hit as it starts (one JSON line with --json) and exits after --duration seconds.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { appRoot } from '../kernel/app-root.ts';
import { WatchSession } from '../detect/rules/watch-session.ts';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import { validateConfig } from '../kernel/config/load.ts';
import { InputError, errorMessage } from '../kernel/errors.ts';
import { createLogger } from '../kernel/log.ts';
import type { Hit } from '../kernel/types/index.ts';

export interface WatchFlags {
  readonly rule: string;
  readonly zone: string;
  readonly dwell: string;
  readonly clear: string;
  readonly duration: string;
  readonly fps: string;
  readonly width?: string;
  readonly json?: boolean;
  readonly data: string;
  readonly models: string;
  readonly model: string;
}

const defaultModelsDir = path.join(appRoot, 'models');

/** "x1,y1 x2,y2 x3,y3 …" (relative 0..1) → points; the error names the bad point. */
export function parseZone(text: string): [number, number][] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  const points = parts.map((p, i) => {
    const m = /^(-?[\d.]+),(-?[\d.]+)$/.exec(p);
    const xy = m ? [Number(m[1]), Number(m[2])] : [];
    if (xy.length !== 2 || !xy.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) {
      throw new InputError(`--zone: point ${i + 1} "${p}" must be "x,y" with x and y between 0 and 1`);
    }
    return xy as [number, number];
  });
  if (points.length < 3) throw new InputError(`--zone needs at least 3 points "x,y", got ${points.length}`);
  return points;
}

function num(name: string, v: string, min: number, max: number, unit = 'seconds'): number {
  const n = Number(v);
  if (!(Number.isFinite(n) && n >= min && n <= max))
    throw new InputError(`--${name} must be a number of ${unit} ${min}–${max}, got "${v}"`);
  return n;
}

function line(hit: Hit, evidenceDir: string): Record<string, unknown> {
  return {
    id: hit.id,
    rule: hit.rule,
    category: hit.category,
    camera: hit.cameraId,
    zone: hit.zoneId,
    start: new Date(hit.start).toISOString(),
    seen: new Date(hit.lastSeen).toISOString(),
    repeat: hit.repeat,
    region: hit.region,
    boxes: hit.boxes.map((b) => ({
      label: b.label,
      score: Math.round(b.score * 1000) / 1000,
      box: [b.box.x1, b.box.y1, b.box.x2, b.box.y2].map(Math.round),
    })),
    evidence: hit.evidence.map((e) => ({ kind: e.kind, file: path.join(evidenceDir, e.path) })),
  };
}

export async function runWatch(source: string, flags: WatchFlags): Promise<number> {
  if (flags.rule !== 'vending' && flags.rule !== 'litter')
    throw new InputError(`--rule must be "vending" or "litter", got "${flags.rule}"`);
  const polygon = parseZone(flags.zone);
  const dwell = num('dwell', flags.dwell, 1, 86400);
  const clear = num('clear', flags.clear, 1, 86400);
  const duration = num('duration', flags.duration, 1, 7 * 86400);
  const fps = num('fps', flags.fps, 0.05, 30, 'frames per second');
  const width = flags.width === undefined ? undefined : num('width', flags.width, 32, 4096, 'pixels');
  const dataDir = path.resolve(flags.data);
  const config = validateConfig(
    {
      dataDir,
      log: { level: 'silent' },
      media: { enabled: false },
      models: { dir: path.resolve(flags.models), default: flags.model, workers: 1 },
      cameras: [{ id: 'watch', source, fps, ...(width ? { width: Math.round(width) } : {}) }],
      zones: [
        {
          id: 'watch-zone',
          camera: 'watch',
          kind: flags.rule === 'vending' ? 'no-vending' : 'litter-watch',
          polygon,
          dwellSeconds: dwell,
          clearSeconds: clear,
        },
      ],
    },
    'gridwatch watch options',
  );
  const log = createLogger(process.env.GRIDWATCH_LOG ?? 'warn');
  const session = new WatchSession({
    config,
    baseDir: process.cwd(),
    dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
  });
  let hits = 0;
  session.onHit((e) => {
    if (e.phase !== 'start') return;
    hits++;
    const l = line(e.hit, session.rules.store.dir);
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(l)}\n`
        : `${l.start} ${e.hit.rule} hit ${e.hit.category} in ${e.hit.zoneId} ` +
            `(${e.hit.boxes.map((b) => b.label).join(', ') || 'static object'}); evidence: ` +
            `${(l.evidence as { file: string }[]).map((x) => x.file).join(' ')}\n`,
    );
  });
  await session.start();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, duration * 1000);
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const frames = session.frames;
  const camError = session.cameraError();
  await session.stop();
  if (frames === 0) {
    process.stderr.write(
      `gridwatch watch: no frame from ${source} in ${duration} s${camError ? `: ${camError}` : ''}\n`,
    );
    return 1;
  }
  if (!flags.json) process.stderr.write(`${frames} frames watched, ${hits} hit(s)\n`);
  return 0;
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('run one scene rule on one camera source for a while and print each hit (a quick way to try a zone)')
    .argument(
      '<source>',
      'rtsp:// / rtmp:// / http(s):// URL, a video file (looped) or an image (looped as a still camera)',
    )
    .requiredOption('-r, --rule <rule>', 'vending | litter')
    .requiredOption('-z, --zone <points>', 'zone polygon "x1,y1 x2,y2 x3,y3 …" in relative image coordinates 0..1')
    .option('--dwell <s>', 'seconds a finding must persist before it is a hit', '30')
    .option('--clear <s>', 'seconds a finding must be gone before its hit ends', '30')
    .option('--duration <s>', 'stop after this many seconds', '60')
    .option('--fps <n>', 'frames analysed per second', '1')
    .option('--width <px>', 'analysis frame width (default 640; the source width keeps small objects detectable)')
    .option('--json', 'one JSON line per hit: id, rule, category, start, zone, region, boxes, evidence files')
    .option('-d, --data <dir>', 'where evidence and recordings go', 'data/watch')
    .option('--models <dir>', 'folder holding the models', defaultModelsDir)
    .option('-m, --model <name>', 'model folder name under --models', 'yolox-nano-u8')
    .action(async (source: string, flags: WatchFlags) => {
      try {
        process.exitCode = await runWatch(source, flags);
      } catch (err) {
        process.stderr.write(`gridwatch watch: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
