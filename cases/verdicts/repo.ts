/** Rows ↔ hits, verdicts and masks. Plain synchronous statements; the service wraps changes in one transaction. */
import type { Db } from '../../kernel/db.ts';
import type { Box, FalseReason, Hit, HitVerdict, SuppressionMask, VerdictKind } from '../../kernel/types/index.ts';

interface VerdictRow {
  readonly id: number;
  readonly hit_id: string | null;
  readonly case_id: string | null;
  readonly verdict: VerdictKind;
  readonly reason: FalseReason | null;
  readonly note: string | null;
  readonly by_user: string;
  readonly role: string;
  readonly at: number;
  readonly mask_id: string | null;
}

interface MaskRow {
  readonly id: string;
  readonly camera_id: string;
  readonly zone_id: string;
  readonly rule: SuppressionMask['rule'];
  readonly region: string;
  readonly created_at: number;
  readonly until: number;
  readonly by_user: string;
  readonly reason: FalseReason | null;
  readonly note: string | null;
  readonly hit_id: string | null;
  readonly lifted_at: number | null;
  readonly lifted_by: string | null;
}

const opt = <K extends string, V>(key: K, v: V | null): { [P in K]?: V } =>
  (v === null ? {} : { [key]: v }) as { [P in K]?: V };

export function verdictOf(r: VerdictRow): HitVerdict {
  return {
    id: r.id,
    hitId: r.hit_id ?? '',
    ...opt('caseId', r.case_id),
    verdict: r.verdict,
    ...opt('reason', r.reason),
    ...opt('note', r.note),
    by: r.by_user,
    role: r.role,
    at: r.at,
    ...opt('maskId', r.mask_id),
  };
}

function maskOf(r: MaskRow): SuppressionMask {
  return {
    id: r.id,
    cameraId: r.camera_id,
    zoneId: r.zone_id,
    rule: r.rule,
    region: JSON.parse(r.region) as Box,
    createdAt: r.created_at,
    until: r.until,
    by: r.by_user,
    ...opt('reason', r.reason),
    ...opt('note', r.note),
    ...opt('hitId', r.hit_id),
    ...opt('liftedAt', r.lifted_at),
    ...opt('liftedBy', r.lifted_by),
  };
}

export type NewVerdict = Omit<HitVerdict, 'id'>;

export class VerdictRepo {
  constructor(readonly db: Db) {}

  /** Insert or refresh a hit (every phase; the evidence and suppression of the latest phase win). */
  upsertHit(hit: Hit): void {
    this.db
      .prepare(
        `INSERT INTO hits (id, camera_id, zone_id, rule, category, start, last_seen, end_ts, mask_id, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, end_ts = excluded.end_ts,
           mask_id = excluded.mask_id, data = excluded.data`,
      )
      .run(
        hit.id,
        hit.cameraId,
        hit.zoneId,
        hit.rule,
        hit.category,
        hit.start,
        hit.lastSeen,
        hit.end ?? null,
        hit.suppressed?.maskId ?? null,
        JSON.stringify(hit),
      );
  }

  /** Forget unjudged hits that started before `before` (judged ones stay: they are the training data). */
  purgeHits(before: number): number {
    return this.db
      .prepare(
        'DELETE FROM hits WHERE start < ? AND NOT EXISTS (SELECT 1 FROM hit_verdicts v WHERE v.hit_id = hits.id)',
      )
      .run(before).changes;
  }

  hit(id: string): Hit | undefined {
    const r = this.db.prepare('SELECT data FROM hits WHERE id = ?').pluck().get(id) as string | undefined;
    return r === undefined ? undefined : (JSON.parse(r) as Hit);
  }

  insertVerdict(v: NewVerdict): HitVerdict {
    const id = this.db
      .prepare(
        `INSERT INTO hit_verdicts (hit_id, case_id, verdict, reason, note, by_user, role, at, mask_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .pluck()
      .get(
        v.hitId || null,
        v.caseId ?? null,
        v.verdict,
        v.reason ?? null,
        v.note ?? null,
        v.by,
        v.role,
        v.at,
        v.maskId ?? null,
      ) as number;
    return { ...v, id };
  }

  /** Every verdict on a hit, oldest first (the latest one counts). */
  verdictsOfHit(hitId: string): HitVerdict[] {
    const rows = this.db.prepare('SELECT * FROM hit_verdicts WHERE hit_id = ? ORDER BY id').all(hitId) as VerdictRow[];
    return rows.map(verdictOf);
  }

  verdictsOfCase(caseId: string): HitVerdict[] {
    const rows = this.db
      .prepare('SELECT * FROM hit_verdicts WHERE case_id = ? ORDER BY id')
      .all(caseId) as VerdictRow[];
    return rows.map(verdictOf);
  }

  insertMask(m: SuppressionMask): void {
    this.db
      .prepare(
        `INSERT INTO suppression_masks
           (id, camera_id, zone_id, rule, region, created_at, until, by_user, reason, note, hit_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        m.cameraId,
        m.zoneId,
        m.rule,
        JSON.stringify(m.region),
        m.createdAt,
        m.until,
        m.by,
        m.reason ?? null,
        m.note ?? null,
        m.hitId ?? null,
      );
    this.maskEvent(m.id, m.createdAt, m.by, 'created', m.until, m.note);
  }

  mask(id: string): SuppressionMask | undefined {
    const r = this.db.prepare('SELECT * FROM suppression_masks WHERE id = ?').get(id) as MaskRow | undefined;
    return r && maskOf(r);
  }

  /** Masks of a camera (and zone), newest first; only those in force at `activeAt` when given. */
  masks(f: { cameraId?: string; zoneId?: string; activeAt?: number }): SuppressionMask[] {
    const where = ['1 = 1'];
    const args: unknown[] = [];
    if (f.cameraId !== undefined) {
      where.push('camera_id = ?');
      args.push(f.cameraId);
    }
    if (f.zoneId !== undefined) {
      where.push('zone_id = ?');
      args.push(f.zoneId);
    }
    if (f.activeAt !== undefined) {
      where.push('lifted_at IS NULL AND until > ?');
      args.push(f.activeAt);
    }
    const rows = this.db
      .prepare(`SELECT * FROM suppression_masks WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id`)
      .all(...args) as MaskRow[];
    return rows.map(maskOf);
  }

  setUntil(id: string, until: number, ts: number, actor: string, reason?: string): void {
    this.db.prepare('UPDATE suppression_masks SET until = ? WHERE id = ?').run(until, id);
    this.maskEvent(id, ts, actor, 'extended', until, reason);
  }

  lift(id: string, ts: number, actor: string, reason?: string): void {
    this.db.prepare('UPDATE suppression_masks SET lifted_at = ?, lifted_by = ? WHERE id = ?').run(ts, actor, id);
    this.maskEvent(id, ts, actor, 'lifted', undefined, reason);
  }

  maskEvents(id: string): { ts: number; actor: string; action: string; until?: number; reason?: string }[] {
    const rows = this.db
      .prepare('SELECT ts, actor, action, until, reason FROM suppression_mask_events WHERE mask_id = ? ORDER BY seq')
      .all(id) as { ts: number; actor: string; action: string; until: number | null; reason: string | null }[];
    return rows.map((r) => ({
      ts: r.ts,
      actor: r.actor,
      action: r.action,
      ...opt('until', r.until),
      ...opt('reason', r.reason),
    }));
  }

  private maskEvent(id: string, ts: number, actor: string, action: string, until?: number, reason?: string): void {
    this.db
      .prepare(
        'INSERT INTO suppression_mask_events (mask_id, ts, actor, action, until, reason) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, ts, actor, action, until ?? null, reason ?? null);
  }
}
