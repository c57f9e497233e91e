/**
 * `gridwatch dataset export`: judged hits in a real main store (hit ledger + verdicts, clean frames in the evidence
 * store) → a YOLO dataset that python3 with only its standard library can count: as many images as label files,
 * every class id below nc, the concept names in data.yaml.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { casesMigrations } from '../cases/migrations.ts';
import { StoreDatasetSource } from '../cases/verdicts/dataset-source.ts';
import { VerdictRepo } from '../cases/verdicts/repo.ts';
import { exportDataset } from '../detect/dataset/export.ts';
import { openDatabase } from '../kernel/db.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import { repoRoot, runCli, tempDir } from '../kernel/testing.ts';
import type { Concept, Hit } from '../kernel/types/index.ts';

const T0 = Date.parse('2026-03-06T02:00:00Z');
const COUNT = `
import os, re, sys
d = sys.argv[1]
parts = ('train', 'val')
imgs = [f for p in parts for f in os.listdir(os.path.join(d, 'images', p))]
labs = [os.path.join(d, 'labels', p, f) for p in parts for f in os.listdir(os.path.join(d, 'labels', p))]
y = open(os.path.join(d, 'data.yaml')).read()
nc = int(re.search(r'^nc: (\\d+)', y, re.M).group(1))
names = re.findall(r'^\\s+"?\\d+"?: (\\S+)', y, re.M)
lines = [l.split() for f in labs for l in open(f) if l.strip()]
empty = sum(1 for f in labs if os.path.getsize(f) == 0)
ok = all(len(l) == 5 and 0 <= int(l[0]) < nc and all(0 <= float(v) <= 1 for v in l[1:]) for l in lines)
stems = sorted(os.path.splitext(f)[0] for f in imgs) == sorted(os.path.splitext(os.path.basename(f))[0] for f in labs)
print(len(imgs), len(labs), nc, ','.join(names), len(lines), empty, ok, stems)
`;

const concepts: Record<string, Concept[]> = { bench: ['stall-like'], person: ['person'], backpack: ['bag-like'] };

describe('gridwatch dataset export', () => {
  const data = tempDir('gw-dataset-');
  let jpeg: Buffer;

  beforeAll(async () => {
    jpeg = await sharp(path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg'))
      .resize({ width: 640 })
      .jpeg()
      .toBuffer();
    const db = openDatabase(path.join(data, 'gridwatch.db'), casesMigrations);
    const repo = new VerdictRepo(db);
    const store = EvidenceStore.inDataDir(data);
    const snap = store.putSync(jpeg, 'snapshot', 'image/jpeg', T0);
    const hit = (id: string, over: Partial<Hit>): Hit => ({
      id,
      rule: 'vending',
      category: '05-04',
      cameraId: 'cam-cart',
      zoneId: 'z',
      start: T0,
      lastSeen: T0,
      repeat: 1,
      region: { x1: 0.4, y1: 0.5, x2: 0.55, y2: 0.83 },
      boxes: [
        { label: 'bench', score: 0.33, box: { x1: 260, y1: 170, x2: 350, y2: 285 } },
        { label: 'person', score: 0.79, box: { x1: 330, y1: 120, x2: 380, y2: 285 } },
      ],
      evidence: [snap],
      ...over,
    });
    const judge = (h: Hit, verdict: 'confirmed' | 'false', at = T0 + 60_000) => {
      repo.upsertHit(h);
      repo.insertVerdict({
        hitId: h.id,
        verdict,
        by: 'op',
        role: 'operator',
        at,
        ...(verdict === 'false' ? { reason: 'wrong-object' as const } : {}),
      });
    };
    judge(hit('hit-cart-1', {}), 'confirmed');
    // a static-foreground litter hit, first judged false then confirmed: the latest verdict counts
    const bag = hit('hit-bag-1', {
      rule: 'litter',
      category: '01-02',
      start: T0 + 1000,
      boxes: [{ label: 'static object', score: 0.9, box: { x1: 5, y1: 200, x2: 80, y2: 260 } }],
    });
    judge(bag, 'false');
    repo.insertVerdict({ hitId: bag.id, verdict: 'confirmed', by: 'op', role: 'operator', at: T0 + 120_000 });
    judge(
      hit('hit-umbrella-1', {
        start: T0 + 2000,
        boxes: [{ label: 'umbrella', score: 0.36, box: { x1: 1, y1: 1, x2: 9, y2: 9 } }],
      }),
      'false',
    );
    judge(hit('hit-other-cam', { cameraId: 'cam-bags', start: T0 + 3000 }), 'false');
    judge(hit('hit-old', { start: T0 - 86_400_000 }), 'confirmed');
    repo.upsertHit(hit('hit-unjudged', { start: T0 + 4000 }));
    judge(hit('hit-no-frame', { start: T0 + 5000, evidence: [] }), 'confirmed');
    db.close();
  });

  it('confirmed hits → boxes, concept as class; false alarms → empty label files; filters; skips named', async () => {
    const db = openDatabase(path.join(data, 'gridwatch.db'), casesMigrations);
    const source = new StoreDatasetSource(db, EvidenceStore.inDataDir(data));
    const out = tempDir('gw-dataset-out-');
    const summary = await exportDataset(source, {
      out,
      since: T0 - 1000,
      cameraId: 'cam-cart',
      conceptsOf: (label) => concepts[label] ?? [],
    });
    db.close();
    expect(summary).toMatchObject({ images: 3, positives: 2, negatives: 1, boxes: 3 });
    expect(summary.skipped).toEqual([{ hitId: 'hit-no-frame', why: 'no clean frame (snapshot evidence) stored' }]);
    const labels = (id: string): string => {
      for (const part of ['train', 'val']) {
        const f = path.join(out, 'labels', part, `${id}.txt`);
        if (readdirSync(path.dirname(f)).includes(`${id}.txt`)) return readFileSync(f, 'utf8');
      }
      throw new Error(`no label file for ${id}`);
    };
    // the cart: stall-like (class 1) and person (class 0), normalised to the 640×344 frame
    const cart = labels('hit-cart-1').trim().split('\n');
    expect(cart).toHaveLength(2);
    expect(cart[0]).toMatch(/^1 0\.4765\d+ 0\.6613\d+ 0\.1406\d+ 0\.3343\d+$/);
    expect(cart[1]!.startsWith('0 ')).toBe(true);
    // a static object of a litter hit is litter-like (class 3); a hard negative is an empty file
    expect(labels('hit-bag-1').startsWith('3 ')).toBe(true);
    expect(labels('hit-umbrella-1')).toBe('');
    const py = execFileSync('python3', ['-c', COUNT, out], { encoding: 'utf8' }).trim();
    expect(py).toBe('3 3 6 person,stall-like,vehicle,litter-like,bag-like,animal 3 1 True True');
  });

  it('the CLI on the store: every judged hit of every camera; one without a frame, a bad date named', async () => {
    const out = tempDir('gw-dataset-cli-');
    const r = await runCli(['dataset', 'export', '--out', out, '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 5 written (cart, bag, umbrella, other camera, old); the one without a clean frame is named
    expect(r.stdout).toContain('wrote 5 images');
    expect(r.stdout).toContain('skipped hit-no-frame: no clean frame');
    const py = execFileSync('python3', ['-c', COUNT, out], { encoding: 'utf8' }).trim().split(' ');
    expect(py.slice(0, 3)).toEqual(['5', '5', '6']);
    const bad = await runCli(['dataset', 'export', '--out', out, '--data', data, '--since', 'yesterday']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since must be a date');
  });
});
