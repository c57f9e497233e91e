import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, tempDir } from '../kernel/testing.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import { everyMainMigration, mainMigrations } from '../main-migrations.ts';

describeBackends('gridwatch db migrate', (_open, ctx) => {
  it('applies every migration once (on PostgreSQL the cluster tables too) and prints each one', async () => {
    const dir = tempDir('gw-migrate-');
    const config = path.join(dir, 'gridwatch.yaml');
    writeFileSync(config, stringify({ dataDir: path.join(dir, 'data'), ...ctx.database() }));
    // PostgreSQL is the cluster's shared database: made ready for every role; a SQLite file for one process
    const list = ctx.dialect === 'postgres' ? everyMainMigration : mainMigrations;
    const first = await runCli(['db', 'migrate', '--config', config], 60_000);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const applied = first.stdout.split('\n').filter((l) => l.startsWith('applied '));
    expect(applied).toEqual(list.map((m) => `applied ${m.id}`));
    const where = ctx.dialect === 'postgres' ? /^postgres 127\.0\.0\.1:\d+\/t_\w+: / : /^sqlite .*gridwatch\.db: /;
    expect(first.stdout.split('\n').at(-2)).toMatch(where);
    const second = await runCli(['db', 'migrate', '--config', config], 60_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`: 0 migrations applied, ${list.length} in all\\n$`));
  });
});
