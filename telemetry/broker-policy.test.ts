import { describe, expect, it } from 'vitest';
import { clientIdAllowed, effectiveClientId, vehiclePublish } from './broker-policy.ts';
import { Topics } from './topics.ts';

const logins = new Set(['T-1', 'T-2', 'T-12', 'dashboard']);
const isLogin = (n: string) => logins.has(n);
const topics = new Topics('gridwatch');

describe('client ids bound to the login', () => {
  it('keeps own ids, leaves ids claiming another login for authentication to refuse, namespaces the rest', () => {
    expect(effectiveClientId('T-1', 'T-1', isLogin)).toBe('T-1');
    expect(effectiveClientId('T-1', 'T-1:phone', isLogin)).toBe('T-1:phone');
    expect(effectiveClientId('T-1', 'T-2', isLogin)).toBe('T-2');
    expect(effectiveClientId('T-1', 'T-2:phone', isLogin)).toBe('T-2:phone');
    expect(effectiveClientId('T-1', 'mqttjs_1f2e', isLogin)).toBe('T-1:mqttjs_1f2e');
    expect(effectiveClientId('T-1', 'T-12x', isLogin)).toBe('T-1:T-12x');
    expect(effectiveClientId('T-1', '', isLogin)).toMatch(/^T-1:auto-[0-9a-f-]{36}$/);
    expect(effectiveClientId(undefined, 'anything', isLogin)).toBe('anything');
  });

  it('allows a principal only its own ids (a prefix is not enough: T-1 is not T-12)', () => {
    const t1 = { kind: 'vehicle', id: 'T-1' } as const;
    expect(clientIdAllowed(t1, 'T-1')).toBe(true);
    expect(clientIdAllowed(t1, 'T-1:mqttjs_1')).toBe(true);
    expect(clientIdAllowed(t1, 'T-12')).toBe(false);
    expect(clientIdAllowed(t1, 'T-2')).toBe(false);
    expect(clientIdAllowed({ kind: 'subscriber', username: 'dashboard' }, 'T-2:x')).toBe(false);
    expect(clientIdAllowed({ kind: 'internal' }, 'whatever')).toBe(true);
  });
});

describe('vehicle publishes', () => {
  const pub = (topic: string, size: number, retain: boolean) =>
    vehiclePublish('T-1', { topic, payload: Buffer.alloc(size), retain }, topics, 2048);

  it('only its position and status topics; retained only on status and within the size limit', () => {
    expect(pub('gridwatch/vehicles/T-1/position', 100, false)).toEqual({ ok: true, retain: false });
    expect(pub('gridwatch/vehicles/T-1/position', 100, true)).toEqual({ ok: true, retain: false });
    expect(pub('gridwatch/vehicles/T-1/status', 7, true)).toEqual({ ok: true, retain: true });
    expect(pub('gridwatch/vehicles/T-1/position', 5000, false)).toEqual({ ok: true, retain: false });
    expect(pub('gridwatch/vehicles/T-1/status', 5000, true)).toMatchObject({ ok: false, reason: /5000 bytes/ });
    expect(pub('gridwatch/vehicles/T-1/junk', 10, true)).toMatchObject({ ok: false, reason: /only .*T-1\/position/ });
    expect(pub('gridwatch/vehicles/T-1/position/x', 10, false)).toMatchObject({ ok: false });
    expect(pub('gridwatch/vehicles/T-2/position', 10, false)).toMatchObject({ ok: false });
  });
});
