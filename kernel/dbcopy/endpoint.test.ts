/**
 * The ends of a copy: what `--from` / `--to` accept and how each wrong one is named (never with its password); a
 * source is opened read-only, and one at an older schema is copied from a migrated snapshot, its file unchanged.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Migration } from '../db.ts';
import { tempDir } from '../testing.ts';
import { describe as describeEnd, openSource, openTarget, parseEndpoint } from './endpoint.ts';

const m1: Migration = { id: 'x-001', sql: 'CREATE TABLE a (id TEXT PRIMARY KEY, v INTEGER);' };
const m2: Migration = { id: 'x-002', sql: 'ALTER TABLE a ADD COLUMN w TEXT;' };
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('db copy endpoints', () => {
  it('accepts sqlite:FILE and postgres:// URLs, and names anything else without its password', () => {
    expect(parseEndpoint('--from', 'sqlite:data/gridwatch.db')).toEqual({
      kind: 'sqlite',
      file: path.resolve('data/gridwatch.db'),
    });
    expect(parseEndpoint('--from', 'sqlite:///var/lib/gw.db')).toEqual({ kind: 'sqlite', file: '/var/lib/gw.db' });
    const url = 'postgresql://gw:s3cret@db.internal:5432/gridwatch';
    expect(parseEndpoint('--to', url)).toEqual({ kind: 'postgres', url });
    expect(describeEnd({ kind: 'postgres', url })).toBe('postgresql://gw:***@db.internal:5432/gridwatch');
    expect(() => parseEndpoint('--from', 'sqlite:')).toThrow(/--from: sqlite: needs a file/);
    expect(() => parseEndpoint('--to', 'mysql://root:s3cret@db/gw')).toThrow(
      /--to: expected sqlite:FILE or postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE, got "mysql:\/\/…@db\/gw"/,
    );
    expect(() => parseEndpoint('--to', 'data/gridwatch.db')).toThrow(/--to: expected sqlite:FILE/);
    expect(() => parseEndpoint('--to', 'postgres:///gw')).toThrow(/--to: the URL names no host/);
  });

  it('names a missing file, a file that is not SQLite, and an SQLite file that is not gridwatch', () => {
    const dir = tempDir('gw-ends-');
    const at = (f: string) => parseEndpoint('--from', `sqlite:${path.join(dir, f)}`);
    expect(() => openSource(at('nope.db'), [m1])).toThrow(/--from sqlite:.*nope\.db: no such file/);
    expect(() => openSource(parseEndpoint('--from', 'postgres://db/gw'), [m1])).toThrow(
      /--from: .*sqlite:FILE.*pg_dump/,
    );
    expect(() => openSource(at(''), [m1])).toThrow(/not a file/);
    writeFileSync(path.join(dir, 'text.db'), 'hello\n'.repeat(200));
    expect(() => openSource(at('text.db'), [m1])).toThrow(/text\.db: cannot read it as SQLite/);
    new Database(path.join(dir, 'other.db')).exec('CREATE TABLE t (x)').close();
    expect(() => openSource(at('other.db'), [m1])).toThrow(/other\.db: not a gridwatch database/);
    openDatabase(path.join(dir, 'newer.db'), [m1, m2]).close();
    expect(() => openSource(at('newer.db'), [m1])).toThrow(/newer\.db: made by a newer gridwatch.*x-002/);
  });

  it('opens an up-to-date source read-only, and copies an older one from a migrated snapshot', () => {
    const dir = tempDir('gw-ends-');
    const file = path.join(dir, 'pilot.db');
    const db = openDatabase(file, [m1]);
    db.prepare('INSERT INTO a (id, v) VALUES (?, ?)').run('k', 7);
    db.close();
    const current = openSource(parseEndpoint('--from', `sqlite:${file}`), [m1]);
    expect(current.notes).toEqual([]);
    expect(() => current.db.prepare('DELETE FROM a').run()).toThrow(/readonly/);
    current.close();

    const before = sha(file);
    const older = openSource(parseEndpoint('--from', `sqlite:${file}`), [m1, m2]);
    expect(older.notes[0]).toMatch(/older schema \(1 migrations missing\).*snapshot.*unchanged/);
    expect(older.db.prepare('SELECT id, v, w FROM a').all()).toEqual([{ id: 'k', v: 7, w: null }]);
    older.close();
    expect(sha(file)).toBe(before);
  });

  it('migrates a new SQLite target, and names an unreachable server without its password', () => {
    const file = path.join(tempDir('gw-ends-'), 'new.db');
    const t = openTarget(parseEndpoint('--to', `sqlite:${file}`), [m1, m2]);
    expect(t.notes).toEqual(['target migrated (2 migrations)']);
    t.close();
    const url = 'postgres://gw:s3cret@127.0.0.1:1/gridwatch';
    let message = '';
    try {
      openTarget(parseEndpoint('--to', url), [m1]).close();
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain('postgres://gw:***@127.0.0.1:1/gridwatch: ');
    expect(message).not.toContain('s3cret');
  }, 60_000);
});
