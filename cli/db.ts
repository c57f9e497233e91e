/** `gridwatch db …`: the main database (migrate; copy from SQLite to PostgreSQL). */
import type { Command } from 'commander';
import { registerDbCopy } from './db-copy.ts';
import { registerDbMigrate } from './db-migrate.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the main database: migrations, moving a pilot to PostgreSQL');
  registerDbMigrate(db);
  registerDbCopy(db);
}
