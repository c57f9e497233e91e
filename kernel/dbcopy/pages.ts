/** A table read page by page in primary-key order (keyset paging: each page starts after the last key read). */
import type { Db } from '../db.ts';
import { quoteIdent, type TableInfo } from './schema.ts';

export type Row = Record<string, unknown>;

/** Every row of `table` (the given columns), in pages of at most `pageRows`, in the database's own key order. */
export function* pages(db: Db, table: TableInfo, columns: readonly string[], pageRows: number): Generator<Row[]> {
  const key = table.primaryKey;
  const cols = [...new Set([...columns, ...key])].map(quoteIdent).join(', ');
  const from = `SELECT ${cols} FROM ${quoteIdent(table.name)}`;
  if (key.length === 0) {
    // no key to page on: a stable order over every column, with offsets (only tables we do not make ourselves)
    const page = db.prepare<Row>(`${from} ORDER BY ${columns.map(quoteIdent).join(', ')} LIMIT ? OFFSET ?`);
    for (let offset = 0; ; offset += pageRows) {
      const rows = page.all(pageRows, offset);
      if (rows.length > 0) yield rows;
      if (rows.length < pageRows) return;
    }
  }
  const order = key.map(quoteIdent).join(', ');
  const first = db.prepare<Row>(`${from} ORDER BY ${order} LIMIT ?`);
  const after =
    key.length === 1 ? `${quoteIdent(key[0] as string)} > ?` : `(${order}) > (${key.map(() => '?').join(', ')})`;
  const next = db.prepare<Row>(`${from} WHERE ${after} ORDER BY ${order} LIMIT ?`);
  let rows = first.all(pageRows);
  while (rows.length > 0) {
    yield rows;
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1] as Row;
    rows = next.all(...key.map((k) => last[k]), pageRows);
  }
}
