/**
 * `gridwatch user add|list|passwd|set|remove`: users and roles in the main store (passwords scrypt-hashed). passwd,
 * set and remove end the user's login sessions (the running server checks every use against the user's stamp).
 */
import type { Command } from 'commander';
import { cliConfig, readPassword, storeOptions, withDb, type PasswordFlags, type StoreFlags } from '../cases/cli-db.ts';
import { UserStore } from '../cases/users.ts';
import { ROLES } from '../kernel/types/user.ts';
import { InputError } from '../kernel/errors.ts';
import { gridHasCell } from '../kernel/config/grid.ts';
import type { GridConfig } from '../kernel/config/schema.ts';
import type { Role } from '../kernel/types/index.ts';

/** "a,b" → the cell codes, each checked against the configured grid. */
function cellList(grid: GridConfig, raw: string): string[] {
  const cells = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = cells.filter((c) => !gridHasCell(grid, c));
  if (bad.length > 0) throw new InputError(`cells: unknown grid cell ${bad.map((c) => `"${c}"`).join(', ')}`);
  return cells;
}

interface SetFlags extends StoreFlags {
  readonly cells?: string;
  readonly role?: string;
  readonly unit?: string;
  readonly name?: string;
  readonly disable?: boolean;
  readonly enable?: boolean;
}

interface AddFlags extends StoreFlags, PasswordFlags {
  readonly cells?: string;
  readonly role: string;
  readonly unit?: string;
  readonly name?: string;
}

const passwordOptions = (cmd: Command): Command =>
  cmd
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--password <password>', 'the password (visible in the process list: prefer --password-stdin)');

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('manage dashboard users: admin, operator, handler (with a unit), regulator, inspector (with cells)');

  passwordOptions(storeOptions(user.command('add').description('add a user').argument('<username>')))
    .requiredOption('-r, --role <role>', `one of ${ROLES.join(', ')}`)
    .option('-u, --unit <unit>', 'unit of a handler (a unit id of cases.units)')
    .option('-n, --name <name>', 'display name')
    .option('--cells <codes>', "an inspector's grid cells, comma-separated cell codes")
    .action((username: string, flags: AddFlags) => {
      if (!ROLES.includes(flags.role as Role))
        throw new InputError(`role: must be one of ${ROLES.join(', ')} (got "${flags.role}")`);
      const units = cliConfig(flags).cases.units.map((u) => u.id);
      if (flags.unit !== undefined && !units.includes(flags.unit))
        throw new InputError(`unit: unknown unit "${flags.unit}" (configured: ${units.join(', ') || 'none'})`);
      const cells = flags.cells === undefined ? undefined : cellList(cliConfig(flags).grid, flags.cells);
      const password = readPassword(flags);
      const added = withDb(flags, (db) =>
        new UserStore(db).add({
          username,
          role: flags.role as Role,
          password,
          unit: flags.unit,
          name: flags.name,
          ...(cells ? { cells } : {}),
        }),
      );
      process.stdout.write(`added ${added.username} (${added.role}${added.unit ? `, unit ${added.unit}` : ''})\n`);
    });

  storeOptions(user.command('list').description('list users'))
    .option('--json', 'print JSON')
    .action((flags: StoreFlags & { json?: boolean }) => {
      const users = withDb(flags, (db) => new UserStore(db).list());
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        return;
      }
      const rows = users.map((u) => [
        u.username,
        u.disabled ? `${u.role}(off)` : u.role,
        u.unit ?? (u.cells ? `cells ${u.cells.join(',') || '-'}` : '-'),
        u.name ?? '-',
        new Date(u.createdAt).toISOString(),
      ]);
      for (const r of [['USERNAME', 'ROLE', 'UNIT', 'NAME', 'CREATED'], ...rows])
        process.stdout.write(
          `${r[0]!.padEnd(20)} ${r[1]!.padEnd(10)} ${r[2]!.padEnd(18)} ${r[3]!.padEnd(16)} ${r[4]}\n`,
        );
    });

  passwordOptions(
    storeOptions(user.command('passwd').description("change a user's password").argument('<username>')),
  ).action((username: string, flags: StoreFlags & PasswordFlags) => {
    const password = readPassword(flags);
    withDb(flags, (db) => new UserStore(db).passwd(username, password));
    process.stdout.write(`password of ${username} changed\n`);
  });

  storeOptions(
    user
      .command('set')
      .description("change a user's role, unit, name, or disable / enable them (their login sessions end)")
      .argument('<username>'),
  )
    .option('-r, --role <role>', `one of ${ROLES.join(', ')}`)
    .option('-u, --unit <unit>', 'unit (a unit id of cases.units)')
    .option('-n, --name <name>', 'display name')
    .option('--cells <codes>', 'an inspector\'s grid cells, comma-separated ("" clears them)')
    .option('--disable', 'refuse their logins and end their sessions')
    .option('--enable', 'allow their logins again')
    .action((username: string, flags: SetFlags) => {
      if (flags.role !== undefined && !ROLES.includes(flags.role as Role))
        throw new InputError(`role: must be one of ${ROLES.join(', ')} (got "${flags.role}")`);
      if (flags.disable && flags.enable) throw new InputError('--disable and --enable: give one');
      const units = cliConfig(flags).cases.units.map((u) => u.id);
      if (flags.unit !== undefined && !units.includes(flags.unit))
        throw new InputError(`unit: unknown unit "${flags.unit}" (configured: ${units.join(', ') || 'none'})`);
      const change = {
        ...(flags.role ? { role: flags.role as Role } : {}),
        ...(flags.unit !== undefined ? { unit: flags.unit } : {}),
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.cells !== undefined ? { cells: cellList(cliConfig(flags).grid, flags.cells) } : {}),
        ...(flags.disable ? { disabled: true } : flags.enable ? { disabled: false } : {}),
      };
      if (Object.keys(change).length === 0)
        throw new InputError('nothing to change: give --role, --unit, --name, --cells, --disable or --enable');
      const u = withDb(flags, (db) => new UserStore(db).set(username, change));
      const state = flags.disable ? ', disabled' : '';
      process.stdout.write(`${u.username}: ${u.role}${u.unit ? `, unit ${u.unit}` : ''}${state} (sessions ended)\n`);
    });

  storeOptions(user.command('remove').description('remove a user').argument('<username>')).action(
    (username: string, flags: StoreFlags) => {
      withDb(flags, (db) => new UserStore(db).remove(username));
      process.stdout.write(`removed ${username}\n`);
    },
  );
}
