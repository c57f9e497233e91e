import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { ApiKeyStore } from '../cases/apikeys.ts';
import { openMainDb } from '../cases/cli-db.ts';
import { fixtureRaw } from '../cases/fixture.ts';
import { UserStore } from '../cases/users.ts';
import { repoRoot, tempDir, type CliResult } from '../kernel/testing.ts';
import { registerApiKeyCommands } from './apikey.ts';
import { registerUserCommands } from './user.ts';

let cfg: string;
beforeAll(() => {
  const dir = tempDir('gw-cli-');
  cfg = path.join(dir, 'gw.yaml');
  writeFileSync(cfg, stringify(fixtureRaw(path.join(dir, 'data'))));
});
afterEach(() => vi.restoreAllMocks());

/** Run the commands in-process (as main.ts registers them); stdout, or the error they fail with. */
async function gw(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerUserCommands(program);
  registerApiKeyCommands(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await program.parseAsync([...args, '--config', cfg], { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

/** The real CLI (bin/gridwatch.mjs → main.ts) with `input` on stdin. */
function cli(args: string[], input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'gridwatch.mjs'), ...args, '--config', cfg], {
      cwd: repoRoot,
      env: { GRIDWATCH_RUN: 'src', ...process.env }, // the sources, even after `npm run build`
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('gridwatch user', () => {
  it('adds, lists, changes the password of and removes a user', async () => {
    expect(
      await gw(
        'user',
        'add',
        'li.qiang',
        '--role',
        'handler',
        '--unit',
        'squad',
        '--name',
        '李强',
        '--password',
        'first-pass-1',
      ),
    ).toBe('added li.qiang (handler, unit squad)\n');
    expect(JSON.parse(await gw('user', 'list', '--json'))).toEqual([
      expect.objectContaining({ username: 'li.qiang', role: 'handler', unit: 'squad', name: '李强' }),
    ]);
    expect((await gw('user', 'list')).split('\n')[1]).toMatch(/^li\.qiang\s+handler\s+squad\s+李强/);
    expect(await gw('user', 'passwd', 'li.qiang', '--password', 'second-pass-2')).toBe(
      'password of li.qiang changed\n',
    );
    const db = openMainDb({ config: cfg });
    expect((await new UserStore(db).verify('li.qiang', 'second-pass-2'))?.unit).toBe('squad');
    expect(await new UserStore(db).verify('li.qiang', 'first-pass-1')).toBeUndefined();
    db.close();
    expect(await gw('user', 'remove', 'li.qiang')).toBe('removed li.qiang\n');
    expect(JSON.parse(await gw('user', 'list', '--json'))).toEqual([]);
  });

  it('set changes role, unit and enabled state (and names bad input)', async () => {
    await gw('user', 'add', 'zhang', '--role', 'operator', '--password', 'first-pass-1');
    expect(await gw('user', 'set', 'zhang', '--role', 'handler', '--unit', 'squad')).toBe(
      'zhang: handler, unit squad (sessions ended)\n',
    );
    expect(await gw('user', 'set', 'zhang', '--disable')).toBe(
      'zhang: handler, unit squad, disabled (sessions ended)\n',
    );
    expect(JSON.parse(await gw('user', 'list', '--json'))).toEqual([
      expect.objectContaining({ username: 'zhang', role: 'handler', unit: 'squad', disabled: true }),
    ]);
    const db = openMainDb({ config: cfg });
    expect(await new UserStore(db).verify('zhang', 'first-pass-1')).toBeUndefined();
    db.close();
    await gw('user', 'set', 'zhang', '--enable');
    await expect(gw('user', 'set', 'zhang', '--role', 'boss')).rejects.toThrow(/^role: must be one of/);
    await expect(gw('user', 'set', 'zhang', '--unit', 'nowhere')).rejects.toThrow(/^unit: unknown unit "nowhere"/);
    await expect(gw('user', 'set', 'zhang')).rejects.toThrow(/^nothing to change/);
    await expect(gw('user', 'set', 'ghost', '--disable')).rejects.toThrow(/^username: no user "ghost"$/);
    await gw('user', 'remove', 'zhang');
  });

  it("an inspector's grid cells: set at add and by set, checked against the grid, dropped with the role", async () => {
    const cells = ['320302001001001', 'MARKET-01']; // a regular-grid cell and a polygon of the fixture's grid
    expect(
      await gw('user', 'add', 'zhao', '--role', 'inspector', '--cells', cells.join(','), '--password', 'insp-pass-1'),
    ).toBe('added zhao (inspector)\n');
    const get = () => {
      const db = openMainDb({ config: cfg });
      const u = new UserStore(db).get('zhao');
      db.close();
      return u;
    };
    expect(get()).toMatchObject({ role: 'inspector', cells });
    expect((await gw('user', 'list')).split('\n').find((l) => l.startsWith('zhao'))).toMatch(
      /^zhao\s+inspector\s+cells 320302001001001,MARKET-01/,
    );
    await gw('user', 'set', 'zhao', '--cells', '320302001002001');
    expect(get()?.cells).toEqual(['320302001002001']);
    await expect(gw('user', 'set', 'zhao', '--cells', '320302001999001,nowhere')).rejects.toThrow(
      /^cells: unknown grid cell "320302001999001", "nowhere"$/,
    );
    await expect(
      gw('user', 'add', 'op2', '--role', 'operator', '--cells', 'MARKET-01', '--password', 'op-pass-123'),
    ).rejects.toThrow(/^cells: only an inspector has grid cells/);
    await gw('user', 'set', 'zhao', '--role', 'operator');
    expect(get()?.cells).toBeUndefined();
    await gw('user', 'remove', 'zhao');
  });

  it('refuses bad input naming the field', async () => {
    await expect(gw('user', 'add', 'x1', '--role', 'boss', '--password', 'long-enough-1')).rejects.toThrow(
      /^role: must be one of admin, operator, handler, regulator, inspector \(got "boss"\)$/,
    );
    await expect(
      gw('user', 'add', 'x1', '--role', 'handler', '--unit', 'nowhere', '--password', 'long-enough-1'),
    ).rejects.toThrow(/^unit: unknown unit "nowhere"/);
    await expect(gw('user', 'add', 'x1', '--role', 'admin', '--password', 'short')).rejects.toThrow(
      /^password: must be at least 8/,
    );
    await expect(gw('user', 'remove', 'ghost')).rejects.toThrow(/^username: no user "ghost"$/);
  });

  it('from the real command line: the password from stdin, errors on stderr with exit 1', async () => {
    const ok = await cli(
      ['user', 'add', 'wang.min', '--role', 'operator', '--password-stdin'],
      'from-stdin-pass\nignored\n',
    );
    expect(ok, ok.stderr).toMatchObject({ code: 0, stdout: 'added wang.min (operator)\n' });
    const db = openMainDb({ config: cfg });
    expect((await new UserStore(db).verify('wang.min', 'from-stdin-pass'))?.role).toBe('operator');
    db.close();
    const bad = await cli(['user', 'passwd', 'ghost', '--password', 'whatever-1']);
    expect([bad.code, bad.stderr]).toEqual([1, 'gridwatch: username: no user "ghost"\n']);
  });
});

describe('gridwatch apikey', () => {
  it('prints a new key once, lists without it, revokes it', async () => {
    const [idLine, key] = (await gw('apikey', 'add', '12345 hotline')).split('\n');
    const id = idLine!.replace('id ', '');
    const db = openMainDb({ config: cfg });
    expect(new ApiKeyStore(db).verify(key!)?.name).toBe('12345 hotline');
    const list = await gw('apikey', 'list');
    expect(list).toContain(id);
    expect(list).not.toContain(key);
    expect(await gw('apikey', 'revoke', id)).toBe(`revoked ${id}\n`);
    expect(new ApiKeyStore(db).verify(key!)).toBeUndefined();
    expect(JSON.parse(await gw('apikey', 'list', '--json'))).toEqual([
      expect.objectContaining({ id, revokedAt: expect.any(Number) }),
    ]);
    db.close();
    await expect(gw('apikey', 'revoke', id)).rejects.toThrow(/no active api key/);
  });
});
