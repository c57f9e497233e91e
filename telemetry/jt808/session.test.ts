/** The session alone, with fake deps: back-pressure on reports in flight, garbage-only connections, idle parts. */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../pipeline.ts';
import { encodeMessage } from './codec.ts';
import { encodeBatch, encodeLocation } from './location.ts';
import { MSG } from './messages.ts';
import { Session, type SessionDeps } from './session.ts';
import { frame, header, PHONE_2013, sampleLocation } from './testing.ts';

function session(over: Partial<SessionDeps> = {}) {
  const acks: Ack[] = [];
  const events: string[] = [];
  const sent: Buffer[] = [];
  let now = 0;
  const s = new Session({
    terminal: (p) => (p === PHONE_2013 ? { phone: PHONE_2013, vehicle: 'S-4', authCode: 'CODE' } : undefined),
    ingest: (_fix, ack) => acks.push(ack),
    connection: (v, state) => events.push(`${v} ${state}`),
    reject: (reason) => events.push(reason),
    unpositioned: () => events.push('unpositioned'),
    now: () => now,
    send: (b) => sent.push(b),
    close: (why) => events.push(`close: ${why}`),
    throttle: (paused) => events.push(paused ? 'pause' : 'resume'),
    maxInFlight: 4,
    subpackageTimeoutMs: 1000,
    maxMessageBytes: 10_000,
    ...over,
  });
  return { s, acks, events, sent, tick: (ms: number) => (now += ms) };
}

const authed = () => {
  const x = session();
  x.s.push(frame(MSG.auth, Buffer.from('CODE')));
  return x;
};

describe('Session', () => {
  it('pauses the socket at maxInFlight reports awaiting storage and resumes at half', () => {
    const { s, acks, events } = authed();
    for (let i = 0; i < 4; i++)
      s.push(frame(MSG.location, encodeLocation(sampleLocation({ ts: 1e12 + i * 1000 })), 2013, 10 + i));
    expect(events).toEqual(['S-4 online', 'pause']);
    acks.shift()!();
    expect(events.at(-1)).toBe('pause');
    acks.shift()!();
    expect(events.at(-1)).toBe('resume');
    expect(s.state.inFlight).toBe(2);
  });

  it('one reply for a batch, once every fix is acknowledged; a failure asks for a resend (result 1)', () => {
    const { s, acks, sent } = authed();
    const before = sent.length;
    const items = [0, 1, 2].map((i) => sampleLocation({ ts: 1e12 + i * 1000 }));
    s.push(frame(MSG.batch, encodeBatch({ type: 0, items }), 2013, 77));
    expect(acks).toHaveLength(3);
    acks[0]!();
    acks[1]!(new Error('store down'));
    expect(sent.length).toBe(before);
    acks[2]!();
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)!.subarray(-5, -2)).toEqual(Buffer.from([0x07, 0x04, 0x01])); // reply to 0x0704: result 1
  });

  it('a location without a fix (status bit 1 clear) is acknowledged, counted and not stored', () => {
    const { s, acks, events } = authed();
    s.push(frame(MSG.location, encodeLocation(sampleLocation({ status: 0 }))));
    expect(acks).toHaveLength(0);
    expect(events).toContain('unpositioned');
  });

  it('closes a connection that sent only garbage; keeps one that sent a valid frame first', () => {
    const g = session();
    for (let i = 0; i < 8; i++) g.s.push(Buffer.from([0x7e, 1, 2, 0x7e]));
    expect(g.events.at(-1)).toMatch(/^close: no valid frame in 8 frames/);
    const ok = authed();
    for (let i = 0; i < 100; i++) ok.s.push(Buffer.from([0x7e, 1, 2, 0x7e]));
    expect(ok.events.filter((e) => e.startsWith('close'))).toEqual([]);
  });

  it('drops sub-packaged messages whose parts stop coming', () => {
    const { s, events, tick } = authed();
    const parts = encodeMessage(header(MSG.batch, 2013, 5), encodeBatch({ type: 0, items: [sampleLocation()] }), 20);
    s.push(parts[0]!);
    tick(999);
    s.expire(999);
    expect(events).not.toContain('subpackage_timeout');
    s.expire(1000);
    expect(events).toContain('subpackage_timeout');
  });
});
