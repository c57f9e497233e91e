/**
 * Verdict figures per camera, zone and rule over the hits that started in [from, to): hits, suppressed, confirmed,
 * false, unjudged, precision = confirmed ÷ (confirmed + false), false-alarm rate (误报率) = false ÷ (confirmed + false).
 * The latest verdict of a hit counts. A suppressed hit nobody judged is not "unjudged": it never asked anybody.
 */
import type { Db } from '../../kernel/db.ts';
import { countWhere } from '../../kernel/db/dialect.ts';
import type { Hit, HitVerdict, RuleKind } from '../../kernel/types/index.ts';
import { verdictOf } from './repo.ts';

export interface VerdictStatsRow {
  readonly cameraId: string;
  readonly zoneId: string;
  readonly rule: RuleKind;
  readonly hits: number;
  readonly suppressed: number;
  readonly confirmed: number;
  readonly false: number;
  readonly unjudged: number;
  /** null when nothing was judged. */
  readonly precision: number | null;
  readonly falseRate: number | null;
}

const LATEST = '(SELECT verdict FROM hit_verdicts v WHERE v.hit_id = h.id ORDER BY v.id DESC LIMIT 1)';

export function verdictStats(db: Db, from: number, to: number): VerdictStatsRow[] {
  const rows = db
    .prepare(
      `SELECT camera_id, zone_id, rule, COUNT(*) AS hits, ${countWhere('mask_id IS NOT NULL')} AS suppressed,
         ${countWhere("lv = 'confirmed'")} AS confirmed, ${countWhere("lv = 'false'")} AS falses,
         ${countWhere('lv IS NULL AND mask_id IS NULL')} AS unjudged
       FROM (SELECT h.camera_id, h.zone_id, h.rule, h.mask_id, ${LATEST} AS lv
             FROM hits h WHERE h.start >= ? AND h.start < ?) AS latest
       GROUP BY camera_id, zone_id, rule ORDER BY camera_id, zone_id, rule`,
    )
    .all(from, to) as {
    camera_id: string;
    zone_id: string;
    rule: RuleKind;
    hits: number;
    suppressed: number;
    confirmed: number;
    falses: number;
    unjudged: number;
  }[];
  return rows.map((r) => {
    const judged = r.confirmed + r.falses;
    return {
      cameraId: r.camera_id,
      zoneId: r.zone_id,
      rule: r.rule,
      hits: r.hits,
      suppressed: r.suppressed,
      confirmed: r.confirmed,
      false: r.falses,
      unjudged: r.unjudged,
      precision: judged === 0 ? null : r.confirmed / judged,
      falseRate: judged === 0 ? null : r.falses / judged,
    };
  });
}

export interface HitListItem {
  readonly hit: Hit;
  readonly caseId?: string;
  readonly verdict?: HitVerdict;
}

export interface HitFilter {
  readonly cameraId?: string;
  readonly zoneId?: string;
  readonly suppressed?: boolean;
  readonly since?: number;
  readonly limit: number;
}

/** Recorded hits, newest first, with their case and latest verdict. */
export function listHits(db: Db, f: HitFilter): HitListItem[] {
  const where = ['h.last_seen >= ?'];
  const args: unknown[] = [f.since ?? 0];
  if (f.cameraId !== undefined) {
    where.push('h.camera_id = ?');
    args.push(f.cameraId);
  }
  if (f.zoneId !== undefined) {
    where.push('h.zone_id = ?');
    args.push(f.zoneId);
  }
  if (f.suppressed !== undefined) where.push(f.suppressed ? 'h.mask_id IS NOT NULL' : 'h.mask_id IS NULL');
  const rows = db
    .prepare(
      `SELECT h.data, r.case_id,
         (SELECT v.id FROM hit_verdicts v WHERE v.hit_id = h.id ORDER BY v.id DESC LIMIT 1) AS vid
       FROM hits h LEFT JOIN case_refs r ON r.ref = 'hit:' || h.id
       WHERE ${where.join(' AND ')}
       ORDER BY h.start DESC LIMIT ?`,
    )
    .all(...args, f.limit) as { data: string; case_id: string | null; vid: number | null }[];
  const byId = db.prepare('SELECT * FROM hit_verdicts WHERE id = ?');
  return rows.map((r) => {
    const row = r.vid === null ? undefined : byId.get(r.vid);
    return {
      hit: JSON.parse(r.data) as Hit,
      ...(r.case_id ? { caseId: r.case_id } : {}),
      ...(row ? { verdict: verdictOf(row as Parameters<typeof verdictOf>[0]) } : {}),
    };
  });
}
