/**
 * Hits and cases of a camera as time windows, for recording and playback: the spans events-mode recording keeps, the
 * evidence of open cases retention must not delete, the marks on the playback timeline, and the spans a handler may
 * play back (around their own unit's cases). Read straight from the hit ledger and the cases table.
 */
import type { Db } from '../kernel/db.ts';
import type { CaseStatus } from '../kernel/types/index.ts';
import { OPEN_STATUSES } from './rules.ts';

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface HitMark {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly category: string;
  readonly rule: string;
}

export interface CaseMark {
  readonly id: string;
  readonly status: CaseStatus;
  readonly category: string;
  readonly unitId?: string;
  readonly gridCell?: string;
  readonly createdAt: number;
}

/** Whose cases a restricted user sees: a handler's unit, an inspector's grid cells. */
export type CaseScope = { readonly unit: string } | { readonly cells: readonly string[] };

function scopeSql(scope: CaseScope): [string, string[]] {
  if ('unit' in scope) return ['c.unit_id = ?', [scope.unit]];
  if (scope.cells.length === 0) return ['1 = 0', []];
  return [`c.grid_cell IN (${scope.cells.map(() => '?').join(', ')})`, [...scope.cells]];
}

/** Margin kept around the hits of open cases. */
const PROTECT_MARGIN_MS = 60_000;
/** A handler may play back this long before and after their unit's cases (and their hits). */
export const HANDLER_MARGIN_MS = 15 * 60_000;

const openList = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const HIT_END = 'COALESCE(h.end_ts, h.last_seen)';

export class CameraWindows {
  constructor(private readonly db: Db) {}

  hitMarks(cameraId: string, from: number, to: number): HitMark[] {
    return this.db
      .prepare(
        `SELECT h.id, h.start, ${HIT_END} AS "end", h.category, h.rule FROM hits h
         WHERE h.camera_id = ? AND h.start < ? AND ${HIT_END} >= ? ORDER BY h.start LIMIT 2000`,
      )
      .all(cameraId, to, from) as HitMark[];
  }

  hits(cameraId: string, from: number, to: number): TimeWindow[] {
    return this.hitMarks(cameraId, from, to).map((h) => ({ from: h.start, to: h.end }));
  }

  caseMarks(cameraId: string, from: number, to: number): CaseMark[] {
    const rows = this.db
      .prepare(
        `SELECT id, status, category, unit_id, grid_cell, created_at FROM cases
         WHERE camera_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at LIMIT 2000`,
      )
      .all(cameraId, from, to) as {
      id: string;
      status: CaseStatus;
      category: string;
      unit_id: string | null;
      grid_cell: string | null;
      created_at: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      category: r.category,
      createdAt: r.created_at,
      ...(r.unit_id ? { unitId: r.unit_id } : {}),
      ...(r.grid_cell ? { gridCell: r.grid_cell } : {}),
    }));
  }

  /** Hits of the camera's open cases (with a margin), and the moment each open camera case was opened. */
  protectedWindows(cameraId: string): TimeWindow[] {
    const hits = this.db
      .prepare(
        `SELECT h.start AS "from", ${HIT_END} AS "to" FROM hits h
         JOIN case_refs r ON r.ref = 'hit:' || h.id JOIN cases c ON c.id = r.case_id
         WHERE h.camera_id = ? AND c.status IN (${openList})`,
      )
      .all(cameraId) as TimeWindow[];
    const opened = this.db
      .prepare(
        `SELECT created_at AS "from", created_at AS "to" FROM cases WHERE camera_id = ? AND status IN (${openList})`,
      )
      .all(cameraId) as TimeWindow[];
    return [...hits, ...opened].map((w) => ({ from: w.from - PROTECT_MARGIN_MS, to: w.to + PROTECT_MARGIN_MS }));
  }

  /**
   * Where a restricted user may play this camera back: around the cases on it of their unit (a handler) or of their
   * grid cells (an inspector), and those cases' hits.
   */
  scopeWindows(scope: CaseScope, cameraId: string): TimeWindow[] {
    const [where, args] = scopeSql(scope);
    const cases = this.db
      .prepare(`SELECT created_at AS "from", created_at AS "to" FROM cases c WHERE c.camera_id = ? AND ${where}`)
      .all(cameraId, ...args) as TimeWindow[];
    const hits = this.db
      .prepare(
        `SELECT h.start AS "from", ${HIT_END} AS "to" FROM hits h
         JOIN case_refs r ON r.ref = 'hit:' || h.id JOIN cases c ON c.id = r.case_id
         WHERE h.camera_id = ? AND ${where}`,
      )
      .all(cameraId, ...args) as TimeWindow[];
    return [...cases, ...hits].map((w) => ({ from: w.from - HANDLER_MARGIN_MS, to: w.to + HANDLER_MARGIN_MS }));
  }

  /** Cameras with at least one case in the scope. */
  scopeCameras(scope: CaseScope): string[] {
    const [where, args] = scopeSql(scope);
    return this.db
      .prepare(`SELECT DISTINCT c.camera_id FROM cases c WHERE c.camera_id IS NOT NULL AND ${where}`)
      .pluck()
      .all(...args) as string[];
  }
}
