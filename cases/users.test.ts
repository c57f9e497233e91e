import { describe, expect, it } from 'vitest';
import { describeBackends } from '../kernel/testing/backends.ts';
import { ApiKeyStore } from './apikeys.ts';
import { casesMigrations } from './migrations.ts';
import { UserStore, checkPassword, hashPassword } from './users.ts';

describe('password hashes', () => {
  it('are salted scrypt, verify the right password only', async () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await checkPassword('correct horse', a)).toBe(true);
    expect(await checkPassword('correct horsf', a)).toBe(false);
    expect(await checkPassword('x', 'md5$abc')).toBe(false);
  });
});

describeBackends('UserStore', (open) => {
  const db = () => open(casesMigrations);

  it('stamps each version of a user: passwd and set change the stamp, a disabled user cannot log in', async () => {
    const users = new UserStore(db());
    users.add({ username: 'wang', role: 'operator', password: 'first-pass-1' });
    const s0 = users.current('wang')?.stamp;
    expect(s0).toMatch(/^[0-9a-f]{32}$/);
    users.passwd('wang', 'second-pass-2');
    const s1 = users.current('wang')?.stamp;
    expect(s1).not.toBe(s0);
    expect(users.set('wang', { role: 'handler', unit: 'squad' })).toMatchObject({ role: 'handler', unit: 'squad' });
    const s2 = users.current('wang')?.stamp;
    expect(new Set([s0, s1, s2]).size).toBe(3);
    expect(() => users.set('wang', { unit: null })).toThrow('unit: a handler needs a unit');
    users.set('wang', { disabled: true });
    expect(users.current('wang')).toBeUndefined();
    expect(await users.verify('wang', 'second-pass-2')).toBeUndefined();
    expect(users.list()[0]?.disabled).toBe(true);
    users.set('wang', { disabled: false });
    expect(await users.verify('wang', 'second-pass-2')).toMatchObject({ role: 'handler' });
    expect(() => users.set('nobody', { disabled: true })).toThrow('no user "nobody"');
  });

  it('adds, verifies, changes passwords, lists and removes', async () => {
    const users = new UserStore(db());
    users.add({ username: 'li.qiang', role: 'handler', unit: 'squad', password: 'first-pass-1', name: '李强' });
    expect(await users.verify('li.qiang', 'first-pass-1')).toEqual({
      username: 'li.qiang',
      role: 'handler',
      unit: 'squad',
      name: '李强',
    });
    expect(await users.verify('li.qiang', 'wrong-pass-1')).toBeUndefined();
    expect(await users.verify('nobody', 'first-pass-1')).toBeUndefined();
    users.passwd('li.qiang', 'second-pass-2');
    expect(await users.verify('li.qiang', 'first-pass-1')).toBeUndefined();
    expect((await users.verify('li.qiang', 'second-pass-2'))?.role).toBe('handler');
    expect(users.list().map((u) => u.username)).toEqual(['li.qiang']);
    users.remove('li.qiang');
    expect(users.list()).toEqual([]);
  });

  it('never stores the password itself', async () => {
    const d = db();
    new UserStore(d).add({ username: 'op', role: 'operator', password: 'plain-secret-99' });
    const dump = JSON.stringify(d.prepare('SELECT * FROM users').all());
    expect(dump).not.toContain('plain-secret-99');
  });

  it.each([
    [{ username: 'x', role: 'admin', password: 'long-enough' }, /^username:/],
    [{ username: 'ok', role: 'boss', password: 'long-enough' }, /^role:.*boss/],
    [{ username: 'ok', role: 'handler', password: 'long-enough' }, /^unit:/],
    [{ username: 'ok', role: 'admin', password: 'short' }, /^password:/],
  ] as const)('rejects bad input naming the field: %j', (u, msg) => {
    expect(() => new UserStore(db()).add(u as never)).toThrow(msg);
  });

  it('ensure() creates configured users once and leaves existing passwords alone', async () => {
    const users = new UserStore(db());
    const cfg = [{ username: 'admin', role: 'admin' as const, password: 'config-pass-1' }];
    expect(users.ensure(cfg)).toEqual(['admin']);
    users.passwd('admin', 'changed-pass-2');
    expect(users.ensure(cfg)).toEqual([]);
    expect(await users.verify('admin', 'changed-pass-2')).toBeDefined();
    expect(await users.verify('admin', 'config-pass-1')).toBeUndefined();
    expect(() => users.add({ username: 'admin', role: 'admin', password: 'another-1' })).toThrow(/already exists/);
    expect(() => users.passwd('ghost', 'whatever-1')).toThrow(/no user "ghost"/);
    expect(() => users.remove('ghost')).toThrow(/no user "ghost"/);
  });
});

describeBackends('ApiKeyStore', (open) => {
  const db = () => open(casesMigrations);

  it('shows a key once, stores only its hash, verifies until revoked', async () => {
    const d = db();
    let t = 1000;
    const keys = new ApiKeyStore(d, () => t);
    const { id, key } = keys.add('12345 hotline');
    expect(key).toMatch(new RegExp(`^gw_${id}_[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(d.prepare('SELECT * FROM api_keys').all())).not.toContain(key);
    t = 2000;
    expect(keys.verify(key)).toMatchObject({ id, name: '12345 hotline', lastUsedAt: 2000 });
    expect(keys.verify(`${key}x`)).toBeUndefined();
    keys.revoke(id);
    expect(keys.verify(key)).toBeUndefined();
    expect(keys.list()).toEqual([{ id, name: '12345 hotline', createdAt: 1000, revokedAt: 2000, lastUsedAt: 2000 }]);
    expect(() => keys.revoke(id)).toThrow(/no active api key/);
    expect(() => keys.add('  ')).toThrow(/^name:/);
  });
});
