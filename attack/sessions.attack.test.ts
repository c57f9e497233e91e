/**
 * Findings 6 and 7: sessions outlived `gridwatch user remove` / `user passwd` and kept the role and unit they had at
 * login; live-event (SSE) streams survived logout and one session could open any number of them. Now every request
 * and every live event is checked against the user as they are now, and a session whose user was removed, disabled,
 * re-roled, moved to another unit or given a new password is ended; streams are capped per session and closed when
 * their session ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { type Client, demoPassword, startTarget, type Target } from './harness.ts';
import { endsWithin, type HeldStream, openSse } from './sse.ts';

const fig = recorder(import.meta.filename);
let target: Target;

beforeAll(async () => {
  target = await startTarget({ cameras: 'none' });
});
afterAll(async () => target?.stop());

const status = async (c: Client, path = '/api/auth/session'): Promise<number> => {
  const res = await c.fetch(path);
  await res.body?.cancel();
  return res.status;
};

describe('sessions follow the user as they are now', () => {
  it('user remove ends the session', async () => {
    const handler = await target.login('handler');
    expect(await status(handler)).toBe(200);
    expect((await target.cli(['user', 'remove', 'handler'])).code).toBe(0);
    expect(fig.attack('request after `user remove`', (await status(handler, '/api/cases')) === 401)).toBe(true);
  });

  it('user passwd ends the session', async () => {
    const op = await target.login('operator');
    const res = await target.cli(['user', 'passwd', 'operator', '--password-stdin'], 'a-new-password-2026\n');
    expect(res.code, res.stderr).toBe(0);
    expect(fig.attack('request after `user passwd`', (await status(op, '/api/cases')) === 401)).toBe(true);
    await target.cli(['user', 'passwd', 'operator', '--password-stdin'], `${demoPassword('operator')}\n`);
  });

  it('a user removed and added again with another role does not keep the old session (or its role)', async () => {
    const reg = await target.login('regulator');
    await target.cli(['user', 'remove', 'regulator']);
    const add = await target.cli(
      ['user', 'add', 'regulator', '--role', 'handler', '--unit', 'lvyuan', '--password-stdin'],
      `${demoPassword('regulator')}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const got = await status(reg, '/api/cases/kpi');
    expect(fig.attack('old regulator session after re-adding the user as a handler', got === 401), `HTTP ${got}`).toBe(
      true,
    );
  });

  it('re-roling, moving to another unit or disabling a user ends their sessions', async () => {
    for (const [what, args] of [
      ['user set --role', ['--role', 'regulator']],
      ['user set --unit', ['--unit', 'urban-mgmt-squad']],
      ['user set --disable', ['--disable']],
    ] as const) {
      const s = await target.login('sanitation');
      const res = await target.cli(['user', 'set', 'sanitation', ...args]);
      const got = await status(s, '/api/cases');
      expect(fig.attack(`request after \`${what}\``, res.code === 0 && got === 401), `${res.stderr} HTTP ${got}`).toBe(
        true,
      );
      if (what === 'user set --disable') {
        const again = await fetch(`${target.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'sanitation', password: demoPassword('sanitation') }),
        });
        expect(fig.attack('login of a disabled user', again.status === 401)).toBe(true);
      } else await target.cli(['user', 'set', 'sanitation', '--role', 'handler', '--unit', 'sanitation-dept']);
    }
  });
});

describe('live-event streams', () => {
  it('logout closes the session’s streams', async () => {
    const op = await target.login('admin');
    const s = await openSse(op);
    expect(s.status).toBe(200);
    await op.fetch('/api/auth/logout', { method: 'POST' });
    expect(fig.attack('SSE stream after logout', await endsWithin(s, 10_000))).toBe(true);
    s.abort();
  });

  it('a password change by the CLI closes the user’s open streams', async () => {
    const admin = await target.login('admin');
    const s = await openSse(admin);
    expect(s.status).toBe(200);
    await target.cli(['user', 'passwd', 'admin', '--password-stdin'], `${demoPassword('admin')}\n`);
    expect(fig.attack('SSE stream after `user passwd`', await endsWithin(s, 20_000))).toBe(true);
    s.abort();
  }, 40_000);

  it('one session may not open any number of streams', async () => {
    const admin = await target.login('admin');
    const streams: HeldStream[] = [];
    for (let i = 0; i < 50; i++) streams.push(await openSse(admin));
    const accepted = streams.filter((s) => s.status === 200).length;
    const refused = streams.filter((s) => s.status === 429).length;
    for (const s of streams) s.abort();
    expect(
      fig.attack('50 SSE streams on one session', accepted <= 8 && refused === 50 - accepted),
      `${accepted} accepted`,
    ).toBe(true);
    // closed streams free their places
    await new Promise((r) => setTimeout(r, 500));
    const again = await openSse(admin);
    expect(again.status).toBe(200);
    again.abort();
  });
});
