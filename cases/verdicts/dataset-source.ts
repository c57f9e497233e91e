/**
 * The judged hits of the main store as a dataset source (detect/dataset/export.ts): every hit in the hit ledger with
 * at least one verdict, with its latest verdict; the clean frames from the evidence store.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../../kernel/db.ts';
import type { EvidenceStore } from '../../kernel/evidence.ts';
import type { Hit } from '../../kernel/types/index.ts';
import type { DatasetSource, JudgedHit } from '../../detect/dataset/export.ts';

interface Row {
  readonly data: string;
  readonly verdict: 'confirmed' | 'false';
  readonly at: number;
}

export class StoreDatasetSource implements DatasetSource {
  constructor(
    private readonly db: Db,
    private readonly evidenceStore: EvidenceStore,
  ) {}

  judgedHits(f: { readonly since?: number; readonly cameraId?: string }): readonly JudgedHit[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.since !== undefined) {
      where.push('AND h.start >= ?');
      args.push(f.since);
    }
    if (f.cameraId !== undefined) {
      where.push('AND h.camera_id = ?');
      args.push(f.cameraId);
    }
    const rows = this.db
      .prepare(
        `SELECT h.data AS data, v.verdict AS verdict, v.at AS at
           FROM hit_verdicts v JOIN hits h ON h.id = v.hit_id
          WHERE v.id = (SELECT max(id) FROM hit_verdicts w WHERE w.hit_id = v.hit_id) ${where.join(' ')}
          ORDER BY h.start, h.id`,
      )
      .all(...args) as Row[];
    return rows.map((r) => ({ hit: JSON.parse(r.data) as Hit, verdict: r.verdict, at: r.at }));
  }

  evidence(relPath: string): Buffer | undefined {
    const file = this.evidenceStore.resolve(relPath);
    return file ? readFileSync(file) : undefined;
  }
}
