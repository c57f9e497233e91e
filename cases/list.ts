/** Listing cases with filters and pagination (the dashboard's case table, Open311 GET requests). */
import type { Db } from '../kernel/db.ts';
import type { Case, CaseSource, CaseStatus } from '../kernel/types/index.ts';
import { type NameExpander, searchCondition } from './search.ts';

export interface CaseFilter {
  readonly status?: readonly CaseStatus[];
  /** "MM-NN" or a major class "MM-*". */
  readonly category?: string;
  readonly categories?: readonly string[];
  /** Grid cell code prefix. */
  readonly grid?: string;
  /** Exactly these grid cells (an inspector's). */
  readonly cells?: readonly string[];
  readonly unit?: string;
  readonly source?: CaseSource;
  readonly sources?: readonly CaseSource[];
  readonly camera?: string;
  /** Contractor (作业单位) id or name, exactly. */
  readonly contractor?: string;
  /** One grid cell exactly; "(none)": cases without a cell. */
  readonly cell?: string;
  /** Dispatched or handling past the deadline. */
  readonly overdue?: boolean;
  readonly ids?: readonly string[];
  /** Free-text search (search.ts): every whitespace-separated term must occur in the case's search document. */
  readonly q?: string;
  /** Created in [from, to). */
  readonly from?: number;
  readonly to?: number;
  /** 1-based. */
  readonly page?: number;
  readonly pageSize?: number;
  /** Oldest first instead of newest first. */
  readonly ascending?: boolean;
}

export interface CasePage {
  readonly items: readonly Case[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Above this many search matches the page is read along the created_at index. */
const DENSE = 2000;

const like = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export function listCases(db: Db, f: CaseFilter, now: number, names?: NameExpander): CasePage {
  const where: string[] = [];
  const args: unknown[] = [];
  const inList = (col: string, values: readonly unknown[]): void => {
    where.push(`${col} IN (${values.map(() => '?').join(', ') || 'NULL'})`);
    args.push(...values);
  };
  if (f.status) inList('status', f.status);
  if (f.categories) inList('category', f.categories);
  if (f.ids) inList('id', f.ids);
  if (f.cells) inList('grid_cell', f.cells);
  if (f.sources) inList('source', f.sources);
  if (f.category?.endsWith('-*')) {
    where.push("category LIKE ? ESCAPE '\\'");
    args.push(`${like(f.category.slice(0, -1))}%`);
  } else if (f.category) {
    where.push('category = ?');
    args.push(f.category);
  }
  if (f.grid) {
    where.push("grid_cell LIKE ? ESCAPE '\\'");
    args.push(`${like(f.grid)}%`);
  }
  for (const [col, v] of [
    ['unit_id', f.unit],
    ['source', f.source],
    ['camera_id', f.camera],
    ['contractor', f.contractor],
    ['grid_cell', f.cell],
  ] as const) {
    if (v === '(none)' && (col === 'unit_id' || col === 'grid_cell')) where.push(`${col} IS NULL`);
    else if (v !== undefined) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  if (f.overdue !== undefined) {
    const cond = "status IN ('dispatched', 'handling') AND deadline IS NOT NULL AND deadline < ?";
    where.push(f.overdue ? `(${cond})` : `NOT (${cond})`);
    args.push(now);
  }
  if (f.from !== undefined) {
    where.push('created_at >= ?');
    args.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('created_at < ?');
    args.push(f.to);
  }
  // SQLite, many matches: walk the created_at index and test membership (`+rowid`: the first page fills fast); few:
  // look them up by rowid. PostgreSQL: ids from the search documents.
  const found = f.q === undefined ? undefined : searchCondition(db, f.q, names, DENSE);
  if (found) {
    where.push(found.sql);
    args.push(...found.args);
  }
  const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM cases ${sql}`)
    .pluck()
    .get(...args) as number;
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const order = f.ascending ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT data FROM cases ${sql} ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...args, pageSize, (page - 1) * pageSize) as string[];
  return { items: rows.map((r) => JSON.parse(r) as Case), total, page, pageSize };
}
