/** What the `gridwatch user` and `gridwatch apikey` commands share: opening the main store from --config / --data. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { demoConfigFile } from '../demo/index.ts';
import { loadConfigFile } from '../kernel/config/load.ts';
import type { Config } from '../kernel/config/schema.ts';
import { openMainDatabase, type Db } from '../kernel/db.ts';
import { InputError } from '../kernel/errors.ts';
import { casesMigrations } from './migrations.ts';

export interface StoreFlags {
  readonly config?: string;
  readonly data?: string;
}

export function storeOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file (YAML); the demo configuration when omitted')
    .option('-d, --data <dir>', 'data directory (overrides dataDir of the config)');
}

/** The config the command works with: --config, else the demo configuration. */
export function cliConfig(flags: StoreFlags): Config {
  return loadConfigFile(flags.config ?? demoConfigFile).config;
}

/**
 * The main database: the config's `database.url` (PostgreSQL), else the SQLite file in the data directory (--data,
 * or the config's dataDir, relative to the working directory).
 */
export function openMainDb(flags: StoreFlags): Db {
  const config = flags.data !== undefined && flags.config === undefined ? undefined : cliConfig(flags);
  const dataDir = flags.data ?? config?.dataDir ?? 'data';
  const file = path.join(path.resolve(dataDir), 'gridwatch.db');
  return openMainDatabase({ file, ...(config?.database.url ? { url: config.database.url } : {}) }, casesMigrations);
}

export interface PasswordFlags {
  readonly password?: string;
  readonly passwordStdin?: boolean;
}

/** The password from --password-stdin (first line), --password, or $GRIDWATCH_PASSWORD. */
export function readPassword(flags: PasswordFlags): string {
  if (flags.passwordStdin) return (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  const p = flags.password ?? process.env.GRIDWATCH_PASSWORD;
  if (p === undefined)
    throw new InputError('password: give --password-stdin (recommended), --password or $GRIDWATCH_PASSWORD');
  return p;
}

/** Run `fn` with the database open, closing it afterwards. */
export function withDb<T>(flags: StoreFlags, fn: (db: Db) => T): T {
  const db = openMainDb(flags);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
