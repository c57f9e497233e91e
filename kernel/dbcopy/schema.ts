/**
 * What a copy needs to know of a database's tables, read from the database itself on either backend: the base
 * tables, their columns (generated ones left out: the database computes them), primary key, the tables their foreign
 * keys point to, and identity columns (PostgreSQL sequences to move past the copied ids).
 */
import type { Db } from '../db.ts';

export interface TableInfo {
  readonly name: string;
  /** Columns that hold data (in table order); generated columns are not among them. */
  readonly columns: readonly string[];
  /** Primary key columns in key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  /** Tables this one references (foreign keys), itself excluded. */
  readonly references: readonly string[];
  /** Columns filled from a sequence when not given (PostgreSQL identity / serial; SQLite: none needed). */
  readonly identity: readonly string[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A table or column name, quoted for SQL on both backends; names we would not write ourselves are refused. */
export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unexpected table or column name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function sqliteTables(db: Db): TableInfo[] {
  const names = db
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return names
    .filter((n) => !n.startsWith('sqlite_'))
    .map((name) => {
      const cols = db.prepare('SELECT name, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid').all(name) as {
        name: string;
        pk: number;
        hidden: number;
      }[];
      const refs = db.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[];
      return {
        name,
        columns: cols.filter((c) => c.hidden === 0).map((c) => c.name),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: refs.filter((r) => r !== name),
        identity: [],
      };
    });
}

function postgresTables(db: Db): TableInfo[] {
  const names = db
    .prepare(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE " +
        "TABLE' ORDER BY table_name",
    )
    .pluck()
    .all() as string[];
  const cols = db.prepare(
    'SELECT column_name AS name, is_generated AS generated, is_identity AS ident, column_default AS def FROM ' +
      'information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
  );
  const key = db.prepare(
    'SELECT k.column_name FROM information_schema.table_constraints t JOIN information_schema.key_column_usage k ' +
      'ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name ' +
      "WHERE t.table_schema = current_schema() AND t.table_name = ? AND t.constraint_type = 'PRIMARY KEY' " +
      'ORDER BY k.ordinal_position',
  );
  const refs = db.prepare(
    'SELECT DISTINCT c.table_name FROM information_schema.table_constraints t JOIN ' +
      'information_schema.constraint_column_usage c ON c.constraint_schema = t.constraint_schema AND ' +
      'c.constraint_name = t.constraint_name WHERE t.table_schema = current_schema() AND t.table_name = ? AND ' +
      "t.constraint_type = 'FOREIGN KEY'",
  );
  return names.map((name) => {
    const cs = cols.all(name) as { name: string; generated: string; ident: string; def: string | null }[];
    return {
      name,
      columns: cs.filter((c) => c.generated !== 'ALWAYS').map((c) => c.name),
      primaryKey: key.pluck().all(name) as string[],
      references: (refs.pluck().all(name) as string[]).filter((r) => r !== name),
      identity: cs.filter((c) => c.ident === 'YES' || c.def?.startsWith('nextval(')).map((c) => c.name),
    };
  });
}

/** The base tables of the database (SQLite's own and virtual tables' shadow tables left out), by name. */
export function readTables(db: Db): Map<string, TableInfo> {
  const list = db.dialect === 'postgres' ? postgresTables(db) : sqliteTables(db);
  return new Map(list.map((t) => [t.name, t]));
}

/** The tables in an order where every table comes after those it references (a cycle is an error). */
export function referenceOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableInfo, path: string[]): void => {
    const s = state.get(t.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, t.name].join(' → ')}`);
    state.set(t.name, 'visiting');
    for (const r of t.references) {
      const ref = byName.get(r);
      if (ref) visit(ref, [...path, t.name]);
    }
    state.set(t.name, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return out;
}
