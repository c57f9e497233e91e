import { describe, expect, it } from 'vitest';
import { Acl } from './acl.ts';
import { Topics } from './topics.ts';

const acl = new Acl(
  new Topics('gridwatch'),
  [{ id: 'S-4', password: 'secret-S-4' }, { id: 'S-40', password: 'secret-S-40' }, { id: 'NOPASS' }],
  [{ username: 'dashboard', password: 'dash-password' }],
);
const pw = (s: string) => Buffer.from(s);

describe('Acl', () => {
  it('authenticates vehicles, subscribers and the generated internal credential; refuses the rest', () => {
    expect(acl.authenticate('S-4', pw('secret-S-4'))).toEqual({ kind: 'vehicle', id: 'S-4' });
    expect(acl.authenticate('dashboard', pw('dash-password'))).toEqual({ kind: 'subscriber', username: 'dashboard' });
    expect(acl.authenticate(acl.internal.username, pw(acl.internal.password))).toEqual({ kind: 'internal' });
    expect(acl.internal.password.length).toBeGreaterThanOrEqual(24);
    expect(acl.authenticate('S-4', pw('secret-S-40'))).toBeNull();
    expect(acl.authenticate('NOPASS', pw(''))).toBeNull();
    expect(acl.authenticate(undefined, undefined)).toBeNull();
    expect(acl.authenticate('S-4', undefined)).toBeNull();
    expect(acl.authenticate(acl.internal.username, pw('guess'))).toBeNull();
  });

  it('a vehicle publishes and subscribes only under its own id', () => {
    const v = { kind: 'vehicle', id: 'S-4' } as const;
    expect(acl.canPublish(v, 'gridwatch/vehicles/S-4/position')).toBe(true);
    expect(acl.canPublish(v, 'gridwatch/vehicles/S-4/status')).toBe(true);
    expect(acl.canPublish(v, 'gridwatch/vehicles/S-40/position')).toBe(false);
    expect(acl.canPublish(v, 'gridwatch/vehicles/S-12/position')).toBe(false);
    expect(acl.canPublish(v, 'other/topic')).toBe(false);
    expect(acl.canSubscribe(v, 'gridwatch/vehicles/S-4/#')).toBe(true);
    expect(acl.canSubscribe(v, 'gridwatch/vehicles/+/position')).toBe(false);
  });

  it('a subscriber may only subscribe, under the prefix', () => {
    const s = { kind: 'subscriber', username: 'dashboard' } as const;
    expect(acl.canPublish(s, 'gridwatch/vehicles/S-4/position')).toBe(false);
    expect(acl.canSubscribe(s, 'gridwatch/vehicles/+/position')).toBe(true);
    expect(acl.canSubscribe(s, '#')).toBe(false);
    expect(acl.canSubscribe(s, '$SYS/#')).toBe(false);
  });

  it('a subscriber named like a vehicle is a configuration error', () => {
    expect(
      () =>
        new Acl(new Topics('g'), [{ id: 'S-4', password: 'xxxxxxxx' }], [{ username: 'S-4', password: 'yyyyyyyy' }]),
    ).toThrow(/subscribers\[0\].username "S-4" is also a vehicle id/);
  });
});
