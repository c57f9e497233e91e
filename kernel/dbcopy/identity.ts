/**
 * After a copy with the ids kept, the target must not hand out an id the source already used: each PostgreSQL
 * identity sequence (SQLite: the AUTOINCREMENT counter in sqlite_sequence) is moved past both the largest copied id
 * and the source's own counter (ids of rows deleted at the source are not reused either).
 */
import type { Db } from '../db.ts';
import { quoteIdent, type TableInfo } from './schema.ts';

/** The source's AUTOINCREMENT counter of a table (SQLite), or 0. */
function sourceCounter(source: Db, table: string): number {
  if (source.dialect !== 'sqlite') return 0;
  const has = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
  if (!has) return 0;
  return Number(source.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) ?? 0);
}

/** Moves every counter of the copied tables; returns `table.column → next id` for each one moved. */
export function resetIdentities(source: Db, target: Db, tables: readonly TableInfo[]): string[] {
  const moved: string[] = [];
  for (const t of tables) {
    const counter = sourceCounter(source, t.name);
    if (target.dialect === 'postgres') {
      for (const col of t.identity) {
        const max = Number(
          target
            .prepare(`SELECT COALESCE(MAX(${quoteIdent(col)}), 0) FROM ${quoteIdent(t.name)}`)
            .pluck()
            .get(),
        );
        const next = Math.max(max, counter) + 1;
        target.prepare('SELECT setval(pg_get_serial_sequence(?, ?), ?, false)').get(t.name, col, next);
        if (next > 1) moved.push(`${t.name}.${col} → ${next}`);
      }
    } else if (counter > 0) {
      const cur = target.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(t.name);
      if (cur === undefined)
        target.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(t.name, counter);
      else if (Number(cur) < counter)
        target.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(counter, t.name);
      else continue;
      moved.push(`${t.name} → ${counter + 1}`);
    }
  }
  return moved;
}
