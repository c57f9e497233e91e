/** `gridwatch db migrate`: apply the main database's migrations to the configured database and say which. */
import path from 'node:path';
import type { Command } from 'commander';
import { cliConfig, type StoreFlags } from '../cases/cli-db.ts';
import { migrate, openMainDatabase } from '../kernel/db.ts';
import { everyMainMigration, mainMigrations } from '../main-migrations.ts';

export function registerDbMigrate(db: Command): void {
  db.command('migrate')
    .description(
      'apply the migrations not yet applied to the main database (database.url of the config: PostgreSQL; ' +
        'else DATA/gridwatch.db) and print each one applied',
    )
    .option('-c, --config <file>', 'config file (YAML); the demo configuration when omitted')
    .option('-d, --data <dir>', 'data directory of the SQLite file (overrides dataDir; ignored with database.url)')
    .action((flags: StoreFlags) => {
      const config = cliConfig(flags);
      const file = path.join(path.resolve(flags.data ?? config.dataDir), 'gridwatch.db');
      const db = openMainDatabase({ file, ...(config.database.url ? { url: config.database.url } : {}) }, []);
      try {
        // a shared PostgreSQL is made ready for every role (the cluster's tables too); a pilot's file for one process
        const list = config.database.url ? everyMainMigration : mainMigrations;
        const applied = migrate(db, list);
        for (const id of applied) process.stdout.write(`applied ${id}\n`);
        process.stdout.write(
          `${db.description}: ${applied.length} migration${applied.length === 1 ? '' : 's'} applied, ` +
            `${list.length} in all\n`,
        );
      } finally {
        db.close();
      }
    });
}
