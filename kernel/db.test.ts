import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, sqliteOf } from './db.ts';

describe('openDatabase (SQLite)', () => {
  it('uses WAL and applies each migration once', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gw-db-')), 'a', 't.db');
    const migrations = [{ id: 't-001', sql: 'CREATE TABLE t (x INTEGER)' }];
    const db = openDatabase(file, migrations);
    expect(db.dialect).toBe('sqlite');
    expect(sqliteOf(db)?.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare('INSERT INTO t VALUES (1)').run();
    db.close();
    const again = openDatabase(file, [...migrations, { id: 't-002', sql: 'ALTER TABLE t ADD COLUMN y TEXT' }]);
    expect(again.prepare('SELECT count(*) FROM migrations').pluck().get()).toBe(2);
    expect(again.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    expect(again.description).toBe(`sqlite ${file}`);
    again.close();
  });
});
