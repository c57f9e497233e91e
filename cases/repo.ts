/** Rows ↔ cases. Plain synchronous statements; callers wrap them in one transaction per change. */
import type { Db, Statement } from '../kernel/db.ts';
import { isSame, jsonEachValues, jsonText } from '../kernel/db/dialect.ts';
import type { Case, CaseStatus, CaseTimelineEntry } from '../kernel/types/index.ts';
import { OPEN_STATUSES } from './rules.ts';

interface CaseRow {
  readonly data: string;
}

interface EventRow {
  readonly seq: number;
  readonly case_id: string;
  readonly ts: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly from_status: CaseStatus | null;
  readonly to_status: CaseStatus | null;
  readonly reason: string | null;
  readonly data: string | null;
}

export type NewTimelineEntry = Omit<CaseTimelineEntry, 'seq'>;

const openList = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const M_PER_DEG = 111_195;

export class CaseRepo {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  /** A prepared statement, prepared once per SQL text. */
  stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Next readable id for a local day "YYYYMMDD": YYYYMMDD + 5-digit daily sequence, e.g. 2026112300001. */
  nextId(day: string): string {
    const n = this.stmt(
      'INSERT INTO case_ids (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = case_ids.n + 1 RETURNING n',
    )
      .pluck()
      .get(day) as number;
    return `${day}${String(n).padStart(5, '0')}`;
  }

  insert(c: Case): void {
    this.stmt(
      `INSERT INTO cases (id, source, category, status, grid_cell, unit_id, contractor, camera_id, zone_id, lat, lon,
           created_at, updated_at, deadline, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.id, c.source, c.category, c.status, ...columns(c), c.createdAt, c.updatedAt, c.deadline ?? null, data(c));
  }

  update(c: Case): void {
    this.stmt(
      `UPDATE cases SET status = ?, grid_cell = ?, unit_id = ?, contractor = ?, camera_id = ?, zone_id = ?, lat = ?,
         lon = ?, updated_at = ?, deadline = ?, data = ? WHERE id = ?`,
    ).run(c.status, ...columns(c), c.updatedAt, c.deadline ?? null, data(c), c.id);
  }

  get(id: string): Case | undefined {
    const row = this.stmt('SELECT data FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return row ? (JSON.parse(row.data) as Case) : undefined;
  }

  caseIdByRef(ref: string): string | undefined {
    return this.stmt('SELECT case_id FROM case_refs WHERE ref = ?').pluck().get(ref) as string | undefined;
  }

  addRef(ref: string, caseId: string, at: number): void {
    this.stmt('INSERT INTO case_refs (ref, case_id, at) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING').run(
      ref,
      caseId,
      at,
    );
  }

  /**
   * Open cases of a category at the same camera zone, or within a box of `meters` around a point (two indexed lookups).
   */
  openCandidates(
    category: string,
    where: { lat?: number; lon?: number; cameraId?: string; zoneId?: string },
    meters: number,
  ): Case[] {
    const found = new Map<string, Case>();
    const add = (rows: string[]): void => {
      for (const r of rows) {
        const c = JSON.parse(r) as Case;
        found.set(c.id, c);
      }
    };
    if (where.cameraId !== undefined) {
      const sql =
        `SELECT data FROM cases WHERE camera_id = ? AND ${isSame(this.db, 'zone_id', '?')} AND category = ? ` +
        `AND status IN ` +
        `(${openList}) ORDER BY created_at`;
      add(
        this.stmt(sql)
          .pluck()
          .all(where.cameraId, where.zoneId ?? null, category) as string[],
      );
    }
    if (where.lat !== undefined && where.lon !== undefined) {
      const dLat = meters / M_PER_DEG;
      const dLon = meters / (M_PER_DEG * Math.max(0.01, Math.cos((where.lat * Math.PI) / 180)));
      const sql =
        `SELECT data FROM cases WHERE category = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND ` +
        `status IN (${openList}) ORDER BY created_at`;
      add(
        this.stmt(sql)
          .pluck()
          .all(category, where.lat - dLat, where.lat + dLat, where.lon - dLon, where.lon + dLon) as string[],
      );
    }
    return [...found.values()];
  }

  /** Is a file with this content hash attached to a case of `unit` (what a handler of that unit may fetch)? */
  unitHasEvidence(unit: string, sha256: string): boolean {
    const sql =
      `SELECT 1 FROM cases, ${jsonEachValues(this.db, 'cases.data', 'evidence', 'e')} WHERE cases.unit_id = ? AND ` +
      `${jsonText(this.db, 'e.value', 'sha256')} = ? LIMIT 1`;
    return this.stmt(sql).pluck().get(unit, sha256) !== undefined;
  }

  /** Is a file with this hash attached to a case in one of these grid cells? */
  cellsHaveEvidence(cells: readonly string[], sha256: string): boolean {
    if (cells.length === 0) return false;
    const sql =
      `SELECT 1 FROM cases, ${jsonEachValues(this.db, 'cases.data', 'evidence', 'e')} WHERE cases.grid_cell IN ` +
      `(${cells.map(() => '?').join(', ')}) AND ${jsonText(this.db, 'e.value', 'sha256')} = ? LIMIT 1`;
    return (
      this.db
        .prepare(sql)
        .pluck()
        .get(...cells, sha256) !== undefined
    );
  }

  appendEvent(e: NewTimelineEntry): number {
    const seq = this.stmt(
      `INSERT INTO case_events (case_id, ts, actor, role, action, from_status, to_status, reason, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    )
      .pluck()
      .get(
        e.caseId,
        e.ts,
        e.actor,
        e.role,
        e.action,
        e.from ?? null,
        e.to ?? null,
        e.reason ?? null,
        e.data ? JSON.stringify(e.data) : null,
      );
    return Number(seq);
  }

  timeline(caseId: string): CaseTimelineEntry[] {
    const rows = this.stmt('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq').all(caseId) as EventRow[];
    return rows.map(toEntry);
  }
}

export function toEntry(r: EventRow): CaseTimelineEntry {
  return {
    seq: r.seq,
    caseId: r.case_id,
    ts: r.ts,
    actor: r.actor,
    role: r.role,
    action: r.action,
    ...(r.from_status ? { from: r.from_status } : {}),
    ...(r.to_status ? { to: r.to_status } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
  };
}

/** grid_cell, unit_id, contractor, camera_id, zone_id, lat, lon */
function columns(c: Case): unknown[] {
  return [
    c.gridCell ?? null,
    c.unitId ?? null,
    c.contractor ?? null,
    c.cameraId ?? null,
    c.zoneId ?? null,
    c.location?.lat ?? null,
    c.location?.lon ?? null,
  ];
}

const data = (c: Case): string => JSON.stringify(c);

/** Open cases of a category about one vehicle (vehicle findings deduplicate by vehicle, not by place). */
export function openForVehicle(repo: CaseRepo, category: string, vehicleId: string): Case[] {
  const rows = repo
    .stmt(
      `SELECT data FROM cases WHERE category = ? AND status IN (${openList}) AND ` +
        `${jsonText(repo.db, 'data', 'vehicleId')} = ? ORDER BY created_at`,
    )
    .all(category, vehicleId) as CaseRow[];
  return rows.map((r) => JSON.parse(r.data) as Case);
}
