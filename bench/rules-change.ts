/**
 * Did issue #13 make the scene rules dearer per analysed frame? The rules as they were before (detect/rules at
 * `--base REF`, default 8bf83cf: main just before #13 items 4/4b/5 landed, extracted with `git archive` into a
 * temporary detect/.base-rules/ so its relative imports resolve, removed afterwards) against today's, on the same
 * frames and detections, in alternating windows (A B B A …) of the same run so both see the same machine load.
 * Scene: the 1116×600 cart photo with real YOLOX-Nano detections (the cart, its people); a vending zone on the road
 * and a litter zone on the sidewalk, where a real garbage bag appears after 30 s and stays (90 s per cycle).
 * ratio = today's ms per frame / before's, for both zones together (the ≤ 1.2 target).
 * Run: npm run bench -- rules-change [--base REF] [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kernel/testing.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';
import type { SceneFrame } from '../detect/camera-stages.ts';
import { Detector } from '../detect/detector.ts';
import { loadModel } from '../detect/model.ts';
import { greyDownscale } from '../detect/rules/grey.ts';
import * as today from '../detect/rules/runner.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame } from '../detect/rules/scenes.ts';
import { resolveZone, type Zone } from '../detect/rules/zones.ts';
import { line } from './report.ts';

/** Both versions' runners take this frame (today's reads `seen`, the base's `detections`). */
type Runner = { step(ctx: SceneFrame): readonly unknown[] };
type Make = (zone: Zone) => Runner;

const arg = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function zones(): Zone[] {
  const tz = { timezone: 'Asia/Shanghai' };
  const road: [number, number][] = [
    [0.28, 0.4],
    [0.62, 0.4],
    [0.62, 1],
    [0.28, 1],
  ];
  const walk = CART_SIDEWALK.map(([x, y]) => [x, y] as [number, number]);
  return [
    resolveZone({ id: 'v', camera: 'bench', kind: 'no-vending', polygon: road, dwellSeconds: 60 }, tz),
    resolveZone({ id: 'l', camera: 'bench', kind: 'litter-watch', polygon: walk, dwellSeconds: 60 }, tz),
  ];
}

/** ms of CPU per frame for `frames` analysed frames through fresh runners of every zone. */
function window(
  make: Make,
  zs: readonly Zone[],
  scene: (i: number) => { frame: Frame; dets: readonly Detection[] },
  frames: number,
): number {
  const runners = zs.map(make);
  const c0 = process.cpuUsage();
  for (let i = 0; i < frames; i++) {
    const { frame, dets } = scene(i);
    const now = 1_700_000_000_000 + i * 1000;
    let grey: ReturnType<typeof greyDownscale> | undefined;
    const ctx = {
      frame: { ...frame, ts: now },
      detections: dets,
      seen: dets,
      tracks: [],
      detected: true,
      now,
      grey: () => (grey ??= greyDownscale(frame)),
    };
    for (const r of runners) r.step(ctx);
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / frames;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const base = arg(args, 'base') ?? '8bf83cf';
  const rounds = Number(arg(args, 'rounds') ?? 4);
  const frames = 360;
  const dir = path.join(repoRoot, 'detect', '.base-rules');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const tar = execFileSync('git', ['-C', repoRoot, 'archive', `${base}:detect/rules`]);
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const before = (await import(path.join(dir, 'runner.ts'))) as { createRunner: Make };
    const meta = { cameraId: 'bench', ts: 0, seq: 0 };
    const clean = await composeFrame(CART_PHOTO, 1116, [], meta);
    const withBag = await composeFrame(CART_PHOTO, 1116, [{ input: await bagCutout(140), x: 0.01, y: 0.6 }], meta);
    const detector = await Detector.create(loadModel(path.join(repoRoot, 'models'), 'yolox-nano-u8'), {
      executionProviders: ['cpu'],
      threads: 1,
    });
    const detClean = (await detector.detect([clean]))[0]!.detections;
    const detBag = (await detector.detect([withBag]))[0]!.detections;
    await detector.close();
    const scene = (i: number) => (i % 90 < 30 ? { frame: clean, dets: detClean } : { frame: withBag, dets: detBag });
    const zs = zones();
    const sides: Record<'before' | 'today', Make> = {
      before: (z) => before.createRunner(z),
      today: (z) => today.createRunner(z),
    };
    const sum = { before: { both: 0, vending: 0, litter: 0 }, today: { both: 0, vending: 0, litter: 0 } };
    window(sides.today, zs, scene, 60); // warm-up
    window(sides.before, zs, scene, 60);
    for (let r = 0; r < rounds; r++) {
      const order: ('before' | 'today')[] = r % 2 === 0 ? ['before', 'today'] : ['today', 'before'];
      for (const side of order) {
        sum[side].both += window(sides[side], zs, scene, frames);
        sum[side].vending += window(sides[side], [zs[0]!], scene, frames);
        sum[side].litter += window(sides[side], [zs[1]!], scene, frames);
      }
    }
    const staticZone = { ...zs[0]!, staticStalls: true };
    const staticStalls = window(sides.today, [staticZone], scene, frames);
    const per = (s: { both: number; vending: number; litter: number }) => ({
      both: s.both / rounds,
      vending: s.vending / rounds,
      litter: s.litter / rounds,
    });
    const b = per(sum.before);
    const t = per(sum.today);
    line(`rules before (${base}): vending zone, CPU per frame`, b.vending, 'ms');
    line('rules today: vending zone, CPU per frame', t.vending, 'ms');
    line(`rules before (${base}): litter zone, CPU per frame`, b.litter, 'ms');
    line('rules today: litter zone, CPU per frame', t.litter, 'ms');
    line(`rules before (${base}): both zones, CPU per frame`, b.both, 'ms');
    line('rules today: both zones, CPU per frame', t.both, 'ms');
    line('rules today: vending zone with staticStalls (opt-in)', staticStalls, 'ms');
    line('ratio (today / before, both zones)', t.both / b.both);
    return { base, rounds, frames, before: b, today: t, staticStalls, ratio: t.both / b.both };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
