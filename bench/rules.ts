/**
 * Scene rules cost per analysed frame (1116×600 cart photo, real detections), against the detector itself (YOLOX-Nano
 * 416, 1 thread) measured in the same run as the baseline: ratio = rules per frame / detector per frame.
 * Also the evidence cost of one hit (annotated + clean JPEG into the store).
 */
import path from 'node:path';
import { silentLogger } from '../kernel/log.ts';
import { repoRoot, tempDir } from '../kernel/testing.ts';
import type { Detection, Frame } from '../kernel/types/index.ts';
import { Detector } from '../detect/detector.ts';
import { loadModel } from '../detect/model.ts';
import { HitEvidenceRecorder } from '../detect/evidence/capture.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import { bagCutout, CART_PHOTO, CART_SIDEWALK, composeFrame } from '../detect/rules/scenes.ts';
import { sceneFrame } from '../detect/camera-stages.ts';
import { SceneRules } from '../detect/rules/stage.ts';
import { resolveZone } from '../detect/rules/zones.ts';
import { line, timed } from './report.ts';

const poly = (p: readonly (readonly [number, number])[]): [number, number][] => p.map(([x, y]) => [x, y]);

async function perFrame(
  rules: SceneRules,
  frames: readonly Frame[],
  dets: readonly Detection[],
  n: number,
): Promise<number> {
  const t = await timed(async () => {
    for (let i = 0; i < n; i++) {
      const f = frames[i % frames.length]!;
      rules.step(
        sceneFrame({ frame: { ...f, ts: i * 1000 }, detections: dets, tracks: [], detected: true, now: i * 1000 }),
      );
    }
  });
  return t.wallMs / n;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const n = Number(args[0] ?? 600);
  const meta = { cameraId: 'bench', ts: 0, seq: 0 };
  const clean = await composeFrame(CART_PHOTO, 1116, [], meta);
  const withBag = await composeFrame(CART_PHOTO, 1116, [{ input: await bagCutout(140), x: 0.01, y: 0.6 }], meta);
  const detector = await Detector.create(loadModel(path.join(repoRoot, 'models'), 'yolox-nano'), {
    executionProviders: ['cpu'],
    threads: 1,
  });
  const dets = (await detector.detect([clean]))[0]!.detections;
  for (let i = 0; i < 5; i++) await detector.detect([clean]);
  const det = await timed(async () => {
    for (let i = 0; i < 50; i++) await detector.detect([clean]);
  });
  const detectMs = det.wallMs / 50;
  await detector.close();

  const opts = { log: silentLogger() };
  const vendingZone = resolveZone(
    {
      id: 'v',
      camera: 'bench',
      kind: 'no-vending',
      polygon: [
        [0.28, 0.4],
        [0.62, 0.4],
        [0.62, 1],
        [0.28, 1],
      ],
      dwellSeconds: 60,
    },
    { timezone: 'Asia/Shanghai' },
  );
  const litterZone = resolveZone(
    { id: 'l', camera: 'bench', kind: 'litter-watch', polygon: poly(CART_SIDEWALK), dwellSeconds: 60 },
    { timezone: 'Asia/Shanghai' },
  );
  const vendingMs = await perFrame(new SceneRules([vendingZone], opts), [clean], dets, n);
  const litterMs = await perFrame(new SceneRules([litterZone], opts), [clean, clean, withBag, withBag], dets, n);
  const bothMs = await perFrame(new SceneRules([vendingZone, litterZone], opts), [clean, withBag], dets, n);

  const recorder = new HitEvidenceRecorder(EvidenceStore.inDataDir(tempDir()));
  const hit = {
    id: 'h',
    rule: 'vending' as const,
    category: '05-04',
    cameraId: 'bench',
    zoneId: 'v',
    start: 0,
    lastSeen: 0,
    repeat: 1,
    region: { x1: 0.4, y1: 0.5, x2: 0.55, y2: 0.83 },
    boxes: [],
    evidence: [],
  };
  const ev = await timed(async () => {
    for (let i = 0; i < 20; i++)
      await recorder.frameEvidence({ ...clean, data: Buffer.from(clean.data) }, vendingZone.polygon, 'v', {
        ...hit,
        id: `h${i}`,
      });
  });
  const evidenceMs = ev.wallMs / 20;

  line('detector per frame (baseline, YOLOX-Nano 416, 1 thread)', detectMs, 'ms');
  line('rules: one vending zone, per frame', vendingMs, 'ms');
  line('rules: one litter zone (grey + background models), per frame', litterMs, 'ms');
  line('rules: vending + litter zone, per frame', bothMs, 'ms');
  line('evidence of one hit (annotated + clean JPEG, stored)', evidenceMs, 'ms');
  line('ratio (vending + litter rules / detector)', bothMs / detectMs);
  return { frames: n, detectMs, vendingMs, litterMs, bothMs, evidenceMs, ratio: bothMs / detectMs };
}
