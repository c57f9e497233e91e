/**
 * Judged hits → a YOLO-format dataset a city can train its own detector on (Ultralytics layout):
 *   DIR/images/{train,val}/<hit>.jpg   the clean frame of the hit (its `snapshot` evidence)
 *   DIR/labels/{train,val}/<hit>.txt   one line per box: `class cx cy w h` (normalised); confirmed hits → their boxes
 *                                      with the concept as class; false alarms → an empty file (a hard negative)
 *   DIR/data.yaml                      path, train, val, nc, names (the concepts)
 * The source of judged hits is a small contract (`DatasetSource`), so the exporter does not depend on the store.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { stringify } from 'yaml';
import type { Box, Concept, Hit } from '../../kernel/types/index.ts';
import { conceptNames } from '../manifest.ts';

export interface JudgedHit {
  readonly hit: Hit;
  /** The latest verdict on the hit. */
  readonly verdict: 'confirmed' | 'false';
  readonly at: number;
}

export interface DatasetSource {
  /** Judged hits, filtered by hit start ≥ `since` and camera. */
  judgedHits(filter: { readonly since?: number; readonly cameraId?: string }): readonly JudgedHit[];
  /** Bytes of an evidence file (path relative to the evidence directory), undefined when it is gone. */
  evidence(relPath: string): Buffer | undefined;
}

export interface ExportOptions {
  readonly out: string;
  readonly since?: number;
  readonly cameraId?: string;
  /** Concepts of a box label (from the model manifests); a label without a concept is left out. */
  readonly conceptsOf: (label: string) => readonly Concept[];
  /** Every `valEvery`-th hit (by a hash of its id) goes to val. */
  readonly valEvery?: number;
}

export interface ExportSummary {
  readonly images: number;
  readonly positives: number;
  readonly negatives: number;
  readonly boxes: number;
  /** Judged hits left out, with why (no clean frame stored, no box with a concept). */
  readonly skipped: readonly { readonly hitId: string; readonly why: string }[];
  readonly classes: readonly Concept[];
}

/** What a rule's own finding (a static-foreground "static object", no detector label) is, as a concept. */
const ruleConcept: Record<Hit['rule'], Concept> = { litter: 'litter-like', vending: 'stall-like' };

const fmt = (v: number): string => Math.min(1, Math.max(0, v)).toFixed(6);

/** One YOLO label line for a pixel box in a width × height image. */
export function yoloLine(cls: number, b: Box, width: number, height: number): string {
  const cx = (b.x1 + b.x2) / 2 / width;
  const cy = (b.y1 + b.y2) / 2 / height;
  return `${cls} ${fmt(cx)} ${fmt(cy)} ${fmt((b.x2 - b.x1) / width)} ${fmt((b.y2 - b.y1) / height)}`;
}

function labelLines(hit: Hit, width: number, height: number, conceptsOf: ExportOptions['conceptsOf']): string[] {
  const lines: string[] = [];
  for (const b of hit.boxes) {
    const concept = b.label === 'static object' ? ruleConcept[hit.rule] : conceptsOf(b.label)[0];
    if (!concept) continue;
    lines.push(yoloLine(conceptNames.indexOf(concept), b.box, width, height));
  }
  return lines;
}

const safeName = (id: string): string => id.replace(/[^A-Za-z0-9_.-]/g, '_');

function split(id: string, valEvery: number): 'train' | 'val' {
  return createHash('sha256').update(id).digest()[0]! % valEvery === 0 ? 'val' : 'train';
}

export async function exportDataset(source: DatasetSource, opts: ExportOptions): Promise<ExportSummary> {
  const valEvery = opts.valEvery ?? 5;
  for (const part of ['train', 'val'])
    for (const kind of ['images', 'labels']) mkdirSync(path.join(opts.out, kind, part), { recursive: true });
  const skipped: { hitId: string; why: string }[] = [];
  let positives = 0;
  let negatives = 0;
  let boxes = 0;
  const judged = source.judgedHits({ since: opts.since, cameraId: opts.cameraId });
  for (const { hit, verdict } of judged) {
    const snap = hit.evidence.find((e) => e.kind === 'snapshot');
    const jpeg = snap ? source.evidence(snap.path) : undefined;
    if (!jpeg) {
      skipped.push({ hitId: hit.id, why: 'no clean frame (snapshot evidence) stored' });
      continue;
    }
    const meta = await sharp(jpeg).metadata();
    const lines = verdict === 'confirmed' ? labelLines(hit, meta.width ?? 1, meta.height ?? 1, opts.conceptsOf) : [];
    if (verdict === 'confirmed' && lines.length === 0) {
      skipped.push({ hitId: hit.id, why: 'confirmed, but no box has a concept' });
      continue;
    }
    const part = split(hit.id, valEvery);
    const name = safeName(hit.id);
    writeFileSync(path.join(opts.out, 'images', part, `${name}.jpg`), jpeg);
    writeFileSync(path.join(opts.out, 'labels', part, `${name}.txt`), lines.map((l) => `${l}\n`).join(''));
    if (verdict === 'confirmed') positives++;
    else negatives++;
    boxes += lines.length;
  }
  const classes = [...conceptNames];
  const yaml = stringify({
    path: path.resolve(opts.out),
    train: 'images/train',
    val: 'images/val',
    nc: classes.length,
    names: Object.fromEntries(classes.map((c, i) => [i, c])),
  });
  writeFileSync(path.join(opts.out, 'data.yaml'), `# gridwatch dataset export: judged hits as YOLO labels\n${yaml}`);
  return { images: positives + negatives, positives, negatives, boxes, skipped, classes };
}
