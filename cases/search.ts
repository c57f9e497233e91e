/**
 * Case search: free text over each case's search document (id, description, address, vehicle, camera, zone, unit,
 * grid cell, category, contractor), with configured names (plates, camera/zone/unit/category/grid cell names) expanded
 * to the ids the document holds. Plain semantics, reimplementable on any SQL store (cases/README.md):
 *
 *   a case matches when, for EVERY term, SOME alternative of the term is a substring of its document
 *   (case-insensitive), i.e. AND over terms of (instr(lower(doc), lower(alt)) > 0 OR …).
 *
 * SQLite keeps the lower-cased documents in `case_search_rows` with an FTS5 `trigram` index over them (`case_search`;
 * both kept by triggers: search-migration.ts), so an alternative of 3+ characters is an indexed substring MATCH; a
 * group holding a shorter one is instr() over the documents (a scan of one narrow table; same semantics).
 * PostgreSQL keeps the same documents in `case_search_rows` (a trigger function) and answers every alternative with
 * strpos() over them: plain SQL, no extension.
 */
import type { Config } from '../kernel/config/schema.ts';
import type { Db, Dialect } from '../kernel/db.ts';
import { jsonText } from '../kernel/db/dialect.ts';

/** At most this many terms are used; a longer query is cut (the API refuses more than 200 characters anyway). */
export const MAX_TERMS = 8;

/** A term and the document fragments that also satisfy it (ids of things whose configured name contains it). */
export type TermGroup = readonly string[];

/** term (lower-cased) → extra alternatives. */
export type NameExpander = (term: string) => readonly string[];

/** The SQL fragment `case_search` documents are built from, over a row alias `r` of `cases` (migrations.ts). */
export function documentSql(r: string, dialect: Dialect = 'sqlite'): string {
  const j = (path: string): string => `coalesce(${jsonText(dialect, `${r}.data`, path)}, '')`;
  return (
    `'|' || ${r}.id || '|' || ${j('description')} || '|' || ${j('address')} || '|v=' || ${j('vehicleId')} || ` +
    `'|c=' || coalesce(${r}.camera_id, '') || '|z=' || coalesce(${r}.zone_id, '') || '|u=' || ` +
    `coalesce(${r}.unit_id, '') || '|g=' || coalesce(${r}.grid_cell, '') || '|k=' || ${r}.category || '|o=' || ` +
    `coalesce(${r}.contractor, '') || '|'`
  );
}

/** SQLite's lower() folds ASCII only; terms are folded the same way as the documents. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const fold = (s: string): string => asciiLower(s).replace(/[·•\s]/g, '');

/** Split a query into terms: whitespace (also the ideographic space) separates; quotes are kept as characters. */
export function searchTerms(q: string): string[] {
  const seen = new Set<string>();
  for (const t of q.split(/[\s\u3000]+/u)) if (t) seen.add(asciiLower(t));
  return [...seen].slice(0, MAX_TERMS);
}

/** Names from the configuration: a term found in a name also matches the id the case document holds. */
export function configNames(config: Pick<Config, 'cameras' | 'zones' | 'vehicles' | 'cases' | 'grid'>): NameExpander {
  const entries: [name: string, alt: string][] = [];
  const add = (name: string | undefined, alt: string): void => {
    if (name) entries.push([fold(name), asciiLower(alt)]);
  };
  for (const c of config.cameras) add(c.name, `|c=${c.id}|`);
  for (const z of config.zones) add(z.name, `|z=${z.id}|`);
  for (const v of config.vehicles) add(v.name, `|v=${v.id}|`);
  for (const u of config.cases.units) add(u.name, `|u=${u.id}|`);
  for (const k of config.cases.categories) {
    add(`${k.major} ${k.name}`, `|k=${k.code}|`);
    add(k.nameEn, `|k=${k.code}|`);
  }
  for (const g of config.grid.cells) add(g.name, `|g=${g.code}|`);
  return (term) => {
    const t = fold(term);
    if (!t) return [];
    return [...new Set(entries.filter(([name]) => name.includes(t)).map(([, alt]) => alt))];
  };
}

/** Each term with its alternatives. */
export function termGroups(q: string, expand: NameExpander = () => []): TermGroup[] {
  return searchTerms(q).map((t) => [t, ...expand(t).filter((a) => a !== t)]);
}

const phrase = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** The document lower-cased as SQLite's lower() does it (ASCII only) on either backend. */
export function lowerAscii(dialect: Dialect, expr: string): string {
  return dialect === 'postgres'
    ? `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`
    : `lower(${expr})`;
}

/**
 * The WHERE condition on `cases` (no alias) for the search `q`, or undefined for an empty query. SQLite: the rowids
 * found by `matchingCaseRows` (`+rowid` when there are many, so the page walks the created_at index); PostgreSQL:
 * the same from the documents, each alternative a strpos(): up to `dense` matches as a list of ids, more as the
 * subquery itself (every value a bound parameter).
 */
export function searchCondition(
  db: Db,
  q: string,
  expand?: NameExpander,
  dense = 2000,
): { sql: string; args: unknown[] } | undefined {
  if (db.dialect === 'sqlite') {
    const found = matchingCaseRows(db, q, expand);
    if (!found) return undefined;
    const sql = `${found.length > dense ? '+rowid' : 'rowid'} IN (SELECT value FROM json_each(?))`;
    return { sql, args: [JSON.stringify(found)] };
  }
  const groups = termGroups(q, expand);
  if (groups.length === 0) return undefined;
  const parts = groups.map((g) => `(${g.map(() => 'strpos(s.body, ?) > 0').join(' OR ')})`);
  const matching = `SELECT s.case_id FROM case_search_rows s WHERE ${parts.join(' AND ')}`;
  // Few matches: their ids, looked up by primary key (the planner cannot guess how few a strpos() leaves, and would
  // walk the created_at index past every case); many: the subquery, read along created_at so a page fills at once.
  const ids = db
    .prepare(`${matching} LIMIT ?`)
    .pluck()
    .all(...groups.flat(), dense + 1) as string[];
  if (ids.length <= dense)
    return { sql: 'id IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))', args: [JSON.stringify(ids)] };
  return { sql: `id IN (${matching})`, args: groups.flat() };
}

/**
 * SQLite: the cases whose document matches every term of `q` (undefined for an empty query), as the `cases` rowids
 * — valid within the caller's statement only (a VACUUM may renumber them) — read through the id index alone: one
 * statement over `case_search_rows`, every value a bound parameter.
 */
export function matchingCaseRows(db: Db, q: string, expand?: NameExpander): number[] | undefined {
  const groups = termGroups(q, expand);
  if (groups.length === 0) return undefined;
  const parts: string[] = [];
  const args: string[] = [];
  for (const g of groups) {
    if (g.every((alt) => [...alt].length >= 3)) {
      parts.push('s.n IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)');
      args.push(g.map(phrase).join(' OR '));
    } else {
      parts.push(`(${g.map(() => 'instr(s.body, ?) > 0').join(' OR ')})`);
      args.push(...g);
    }
  }
  const sql = `SELECT c.rowid FROM case_search_rows s JOIN cases c ON c.id = s.case_id WHERE ${parts.join(' AND ')}`;
  return db
    .prepare(sql)
    .pluck()
    .all(...args) as number[];
}
