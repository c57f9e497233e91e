/**
 * Login sessions: every way a session ends tells the listeners (live views bound to it are closed). The same
 * contract on both backends (SQLite and a real PostgreSQL: several cores behind a load balancer share sessions).
 */
import { expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import { dashboardMigrations } from './migrations.ts';
import { SessionStore } from './sessions.ts';

const user = { username: 'op', role: 'operator' } as const;

describeBackends('SessionStore: session ids and end listeners', (open) => {
  it('reports logout, idle expiry and purge once each, with the id the request carried', () => {
    const db = open(dashboardMigrations);
    const clock = new ManualClock(1_800_000_000_000);
    const store = new SessionStore(() => db, 60_000, clock);
    const ended: string[] = [];
    store.onEnded((id) => ended.push(id));
    const a = store.create(user);
    const b = store.create(user);
    const c = store.create(user);
    const idA = store.get(a.token)?.id ?? '';
    const idB = store.get(b.token)?.id ?? '';
    const idC = store.get(c.token)?.id ?? '';
    expect(new Set([idA, idB, idC]).size).toBe(3);
    expect(idA).toMatch(/^[0-9a-f]{64}$/);
    expect(idA).not.toContain(a.token);

    store.delete(a.token); // logout
    store.delete(a.token); // twice: told once
    expect(ended).toEqual([idA]);
    clock.advance(61_000);
    expect(store.get(b.token)).toBeUndefined(); // idle expiry noticed on use
    expect(ended).toEqual([idA, idB]);
    expect(store.purge()).toBe(1); // the rest by the purge
    expect(ended).toEqual([idA, idB, idC]);
  });

  it('ends a session whose user was removed, disabled or changed since the login, and acts as the current user', () => {
    const db = open(dashboardMigrations);
    const users = new Map<string, { user: typeof user; stamp: string }>([['op', { user, stamp: 'v1' }]]);
    const store = new SessionStore(
      () => db,
      60_000,
      new ManualClock(1_800_000_000_000),
      () => (n) => users.get(n),
    );
    const ended: string[] = [];
    store.onEnded((id) => ended.push(id));
    const a = store.create(user, 'v1');
    const id = store.get(a.token)?.id ?? '';
    expect(store.getById(id)?.user).toEqual(user);
    users.set('op', { user, stamp: 'v2' }); // password, role, unit or enabled changed
    expect(store.get(a.token)).toBeUndefined();
    expect(ended).toEqual([id]);
    const b = store.create(user, 'v2');
    expect(store.get(b.token)).toBeDefined();
    users.delete('op'); // removed or disabled
    expect(store.get(b.token)).toBeUndefined();
  });
});
