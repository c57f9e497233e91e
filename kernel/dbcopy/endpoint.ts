/**
 * The two ends of `gridwatch db copy`: `sqlite:FILE` (a pilot's main database, read in one snapshot and never
 * written) or `postgres://USER:PASSWORD@HOST:PORT/DB` (migrated before the copy). A source at an older schema is
 * copied from a migrated snapshot of it (VACUUM INTO a temporary file), so the pilot's file itself is left as it is.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, openPostgres, type Db, type Migration } from '../db.ts';
import { SqliteDb } from '../db/sqlite.ts';
import { errorMessage, InputError } from '../errors.ts';

export type Endpoint =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** `sqlite:FILE` or `postgres://…` (`postgresql://` too); anything else is refused naming the option. */
export function parseEndpoint(option: string, spec: string): Endpoint {
  if (spec.startsWith('sqlite:')) {
    const file = spec.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new InputError(`${option}: sqlite: needs a file, e.g. sqlite:data/gridwatch.db`);
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(spec)) {
    let u: URL;
    try {
      u = new URL(spec);
    } catch {
      throw new InputError(`${option}: not a valid URL: ${describe({ kind: 'postgres', url: spec })}`);
    }
    if (!u.hostname && !u.searchParams.get('host')) throw new InputError(`${option}: the URL names no host`);
    return { kind: 'postgres', url: spec };
  }
  throw new InputError(
    `${option}: expected sqlite:FILE or postgres://USER:PASSWORD@HOST:PORT/DATABASE, got "${spec.replace(
      /\/\/[^@/]*@/,
      '//…@',
    )}"`,
  );
}

/** For messages and the report: the file, or the URL without its password. */
export function describe(e: Endpoint): string {
  if (e.kind === 'sqlite') return `sqlite:${e.file}`;
  try {
    const u = new URL(e.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return e.url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export interface Opened {
  readonly db: Db;
  /** What happened on opening (a migrated snapshot, the migrations applied to the target). */
  readonly notes: readonly string[];
  close(): void;
}

const isGridwatch = (raw: Database.Database): boolean =>
  raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get() !== undefined;

/**
 * The source, read-only; when it lacks some of the `required` migrations, a migrated snapshot of it. One that has a
 * migration outside `known` (default: the required ones) was made by a newer gridwatch and is refused.
 */
export function openSource(e: Endpoint, required: readonly Migration[], known = required): Opened {
  const migrations = required;
  if (e.kind === 'postgres')
    throw new InputError("--from: a pilot's SQLite file (sqlite:FILE); to copy a PostgreSQL database use pg_dump");
  if (!existsSync(e.file)) throw new InputError(`--from ${describe(e)}: no such file`);
  if (!statSync(e.file).isFile()) throw new InputError(`--from ${describe(e)}: not a file`);
  let raw: Database.Database;
  try {
    raw = new Database(e.file, { readonly: true, fileMustExist: true });
    if (!isGridwatch(raw)) {
      raw.close();
      throw new InputError(`--from ${describe(e)}: not a gridwatch database (it has no migrations table)`);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--from ${describe(e)}: cannot read it as SQLite: ${errorMessage(err)}`);
  }
  const applied = new Set(raw.prepare('SELECT id FROM migrations').pluck().all() as string[]);
  const knownIds = new Set([...required, ...known].map((m) => m.id));
  const unknown = [...applied].filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    raw.close();
    throw new InputError(
      `--from ${describe(e)}: made by a newer gridwatch (migrations this version does not know: ${unknown.join(', ')})`,
    );
  }
  const missing = migrations.filter((m) => !applied.has(m.id));
  if (missing.length === 0) {
    const db = new SqliteDb(raw, e.file);
    return { db, notes: [], close: () => db.close() };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-db-copy-'));
  const snapshot = path.join(dir, 'snapshot.db');
  try {
    raw.prepare('VACUUM INTO ?').run(snapshot);
  } finally {
    raw.close();
  }
  const db = openDatabase(snapshot, migrations);
  return {
    db,
    notes: [
      `the source is at an older schema (${missing.length} migrations missing): copied from a migrated snapshot, ` +
        'the file itself is unchanged',
    ],
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The target, migrated to `migrations` (created when it is an SQLite file that does not exist yet). */
export function openTarget(e: Endpoint, migrations: readonly Migration[]): Opened {
  try {
    const db = e.kind === 'postgres' ? openPostgres(e.url) : openDatabase(e.file);
    try {
      const applied = migrate(db, migrations);
      return {
        db,
        notes: applied.length > 0 ? [`target migrated (${applied.length} migrations)`] : [],
        close: () => db.close(),
      };
    } catch (err) {
      db.close();
      throw err;
    }
  } catch (err) {
    throw new InputError(`${describe(e)}: ${errorMessage(err)}`, { cause: err });
  }
}
