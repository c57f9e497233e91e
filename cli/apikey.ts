/** `gridwatch apikey add|list|revoke`: Open311 api keys (the key is printed once; only its hash is stored). */
import type { Command } from 'commander';
import { ApiKeyStore } from '../cases/apikeys.ts';
import { storeOptions, withDb, type StoreFlags } from '../cases/cli-db.ts';

export function registerApiKeyCommands(program: Command): void {
  const apikey = program
    .command('apikey')
    .description('manage Open311 api keys for citizen apps and 12345 hotline systems');

  storeOptions(
    apikey
      .command('add')
      .description('create a key; it is printed once and cannot be shown again')
      .argument('<name>', 'who the key is for'),
  ).action((name: string, flags: StoreFlags) => {
    const { id, key } = withDb(flags, (db) => new ApiKeyStore(db).add(name));
    process.stdout.write(`id ${id}\n${key}\n(store the key now: it is not shown again)\n`);
  });

  storeOptions(apikey.command('list').description('list keys (never the keys themselves)'))
    .option('--json', 'print JSON')
    .action((flags: StoreFlags & { json?: boolean }) => {
      const keys = withDb(flags, (db) => new ApiKeyStore(db).list());
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
        return;
      }
      const iso = (t?: number): string => (t === undefined ? '-' : new Date(t).toISOString());
      process.stdout.write(
        `${'ID'.padEnd(10)} ${'NAME'.padEnd(24)} ${'CREATED'.padEnd(24)} ${'LAST USED'.padEnd(24)} REVOKED\n`,
      );
      for (const k of keys)
        process.stdout.write(
          `${k.id.padEnd(10)} ${k.name.padEnd(24)} ${iso(k.createdAt).padEnd(24)} ${iso(k.lastUsedAt).padEnd(24)} ` +
            `${iso(k.revokedAt)}\n`,
        );
    });

  storeOptions(apikey.command('revoke').description('revoke a key by id').argument('<id>')).action(
    (id: string, flags: StoreFlags) => {
      withDb(flags, (db) => new ApiKeyStore(db).revoke(id));
      process.stdout.write(`revoked ${id}\n`);
    },
  );
}
