import { describe, expect, it } from 'vitest';
import { PlayTokens } from './play-tokens.ts';

const T0 = 1_800_000_000_000;

describe('PlayTokens', () => {
  it('issues an opaque token per session and stream, reused while it has more than half its life', () => {
    const t = new PlayTokens();
    const a = t.issue('/live/cam', 'sess-1', 300_000, T0);
    expect(a.token).toMatch(/^[\w-]{32}$/);
    expect(a.expiresAt).toBe(T0 + 300_000);
    expect(t.issue('/live/cam', 'sess-1', 300_000, T0 + 100_000).token).toBe(a.token);
    expect(t.issue('/live/cam', 'sess-1', 300_000, T0 + 200_000).token).not.toBe(a.token);
    expect(t.issue('/live/cam', 'sess-2', 300_000, T0).token).not.toBe(a.token);
    expect(t.issue('/live/other', 'sess-1', 300_000, T0).token).not.toBe(a.token);
  });

  it('checks stream, expiry and origin', () => {
    const t = new PlayTokens();
    const { token } = t.issue('/live/cam', 'sess-1', 300_000, T0);
    expect(t.check(token, '/live/cam', T0 + 1000, false)).toEqual({ ok: true });
    expect(t.check(token, '/live/cam2', T0, false)).toMatchObject({ ok: false, reason: /another stream/ });
    expect(t.check(token, '/live/cam', T0 + 300_001, false)).toMatchObject({ ok: false, reason: /expired/ });
    expect(t.check(undefined, '/live/cam', T0, true)).toMatchObject({ ok: false });
    expect(t.check('guess', '/live/cam', T0, true)).toMatchObject({ ok: false });
    const svc = t.service('/live/push');
    expect(t.check(svc, '/live/push', T0 + 1e12, true)).toEqual({ ok: true });
    expect(t.check(svc, '/live/push', T0, false)).toMatchObject({ ok: false, reason: /from the network/ });
  });

  it('revokes a session: its tokens stop working and its plays are closed; other sessions go on', () => {
    const t = new PlayTokens();
    const a = t.issue('/live/cam', 'sess-1', 300_000, T0).token;
    const b = t.issue('/live/cam', 'sess-2', 300_000, T0).token;
    const closed: string[] = [];
    t.playing(a, 'play-1', () => closed.push('play-1'));
    t.playing(b, 'play-2', () => closed.push('play-2'));
    expect(t.revokeSession('sess-1')).toBe(1);
    expect(closed).toEqual(['play-1']);
    expect(t.check(a, '/live/cam', T0, false)).toMatchObject({ ok: false, reason: /revoked/ });
    expect(t.check(b, '/live/cam', T0, false)).toEqual({ ok: true });
    expect(t.issue('/live/cam', 'sess-1', 300_000, T0).token).not.toBe(a);
  });

  it('sweeps expired tokens, keeping those with a play still running (revocable at logout)', () => {
    const t = new PlayTokens();
    const a = t.issue('/live/cam', 'sess-1', 1000, T0).token;
    t.issue('/live/cam', 'sess-2', 1000, T0);
    t.playing(a, 'p', () => undefined);
    t.sweep(T0 + 2000);
    expect(t.size).toBe(1);
    t.stopped(a, 'p');
    t.sweep(T0 + 2000);
    expect(t.size).toBe(0);
  });
});
