/**
 * Finding 4: the login rate limit raced (checked before the slow password hash, the failure recorded after it), so
 * 100 parallel guesses all ran. Now every attempt is counted before the hash, per address and per username.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder } from './figures.ts';
import { demoPassword, startTarget, type Target } from './harness.ts';

const fig = recorder(import.meta.filename);
let target: Target;

beforeAll(async () => {
  // trustProxy: the attacker's address comes from X-Forwarded-For, so one process can be many addresses
  target = await startTarget({ cameras: 'none', patch: { server: { trustProxy: true } } });
});
afterAll(async () => target?.stop());

async function guess(username: string, password: string, address: string): Promise<number> {
  const res = await fetch(`${target.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ username, password }),
  });
  await res.body?.cancel();
  return res.status;
}

function tally(statuses: readonly number[]): Record<number, number> {
  const t: Record<number, number> = {};
  for (const s of statuses) t[s] = (t[s] ?? 0) + 1;
  return t;
}

describe('login guessing', () => {
  it('100 parallel guesses from one address: at most the per-address limit reach the password check', async () => {
    const guesses = Array.from({ length: 99 }, (_, i) => guess('operator', `wrong-${i}`, '203.0.113.7'));
    const statuses = await Promise.all([...guesses, guess('operator', demoPassword('operator'), '203.0.113.7')]);
    const t = tally(statuses);
    const checked = (t[401] ?? 0) + (t[200] ?? 0);
    expect(
      fig.attack('100 parallel password guesses, one address', checked <= 10 && (t[429] ?? 0) >= 90),
      JSON.stringify(t),
    ).toBe(true);
  });

  it('100 parallel guesses at one username from 100 addresses: the per-username limit holds', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => guess('regulator', `wrong-${i}`, `198.51.100.${i + 1}`)),
    );
    const t = tally(statuses);
    expect(
      fig.attack(
        '100 parallel password guesses, one username, 100 addresses',
        (t[401] ?? 0) <= 20 && (t[429] ?? 0) >= 80,
      ),
      JSON.stringify(t),
    ).toBe(true);
  });

  it('a limited answer says when to retry, and the right password from another address still logs in', async () => {
    const res = await fetch(`${target.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.7' },
      body: JSON.stringify({ username: 'admin', password: 'wrong-again' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await guess('admin', demoPassword('admin'), '192.0.2.55')).toBe(200);
  });
});
