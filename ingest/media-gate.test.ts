import type { NmsSession } from 'node-media-server';
import { describe, expect, it } from 'vitest';
import { MediaGate } from './media-gate.ts';
import { PlayTokens } from './play-tokens.ts';
import { publishKey, sign } from './sign.ts';

const SECRET = 'p'.repeat(32);
const STREAMS = new Map([
  ['/live/gate', { cameraId: 'gate', pushes: false }],
  ['/live/pushcam', { cameraId: 'pushcam', pushes: true }],
]);

function session(streamPath: string, query: Record<string, string>, remote = '127.0.0.1'): NmsSession {
  return {
    id: 's1',
    ip: `${remote}:50000`,
    protocol: 'rtmp',
    streamPath,
    streamApp: 'live',
    streamName: streamPath.split('/')[2] ?? '',
    streamQuery: { ...query },
    socket: { remoteAddress: remote },
  } as NmsSession;
}

describe('MediaGate', () => {
  const tokens = new PlayTokens();
  const gate = new MediaGate({ stream: (p) => STREAMS.get(p), publishSecret: SECRET, tokens });

  it('publish: only a camera stream, only with its key, a relayed camera only from this machine', () => {
    const key = (p: string) => publishKey(SECRET, p);
    expect(gate.publishVerdict(session('/live/gate', { key: key('/live/gate') }))).toEqual({ ok: true });
    expect(gate.publishVerdict(session('/live/pushcam', { key: key('/live/pushcam') }, '192.0.2.7'))).toEqual({
      ok: true,
    });
    expect(gate.publishVerdict(session('/live/gate', { key: key('/live/gate') }, '192.0.2.7'))).toMatchObject({
      ok: false,
      reason: /only from this machine/,
    });
    expect(gate.publishVerdict(session('/live/gate', { key: key('/live/pushcam') }))).toMatchObject({ ok: false });
    expect(gate.publishVerdict(session('/live/rogue', { key: key('/live/rogue') }))).toMatchObject({
      ok: false,
      reason: /no camera/,
    });
    // what a viewer holds is no publish credential: a play token, or an old-style play signature
    const play = tokens.issue('/live/gate', 'sess', 60_000, Date.now()).token;
    expect(gate.publishVerdict(session('/live/gate', { key: play, token: play }))).toMatchObject({ ok: false });
    const oldSign = sign('/live/gate', SECRET, Math.floor(Date.now() / 1000) + 3600);
    expect(gate.publishVerdict(session('/live/gate', { sign: oldSign }))).toMatchObject({ ok: false });
  });

  it('apply: a fresh internal sign when allowed, none at all when refused (node-media-server then refuses)', () => {
    const ok = session('/live/gate', { sign: 'forged' });
    gate.apply(ok, { ok: true });
    expect(ok.streamQuery?.sign).toMatch(/^\d+-[0-9a-f]{32}$/);
    expect(ok.streamQuery?.sign).not.toBe(
      sign('/live/gate', SECRET, Number(String(ok.streamQuery?.sign).split('-')[0])),
    );
    const bad = session('/live/gate', { sign: ok.streamQuery?.sign as string });
    gate.apply(bad, { ok: false, reason: 'x' });
    expect(bad.streamQuery).not.toHaveProperty('sign');
  });

  it('play: a token of this stream, unexpired, from a live session', () => {
    const now = Date.now();
    const t = tokens.issue('/live/gate', 'sess-9', 60_000, now).token;
    expect(gate.playVerdict(session('/live/gate', { token: t }, '192.0.2.7'), now)).toEqual({ ok: true });
    expect(gate.playVerdict(session('/live/pushcam', { token: t }), now)).toMatchObject({ ok: false });
    expect(gate.playVerdict(session('/live/gate', { token: t }), now + 61_000)).toMatchObject({ ok: false });
    tokens.revokeSession('sess-9');
    expect(gate.playVerdict(session('/live/gate', { token: t }), now)).toMatchObject({ ok: false });
  });

  it('play: the token’s login session is checked in the session store at play time', () => {
    const alive = new Set(['sess-live']);
    const checked = new MediaGate({
      stream: (p) => STREAMS.get(p),
      publishSecret: SECRET,
      tokens,
      sessionAlive: (id) => alive.has(id),
    });
    const now = Date.now();
    const t = tokens.issue('/live/gate', 'sess-live', 60_000, now).token;
    expect(checked.playVerdict(session('/live/gate', { token: t }), now)).toEqual({ ok: true });
    alive.delete('sess-live'); // e.g. the user was removed: the store no longer has the session
    expect(checked.playVerdict(session('/live/gate', { token: t }), now)).toMatchObject({ reason: /session ended/ });
    const svc = tokens.service('/live/pushcam');
    expect(checked.playVerdict(session('/live/pushcam', { token: svc }), now)).toEqual({ ok: true });
  });
});
