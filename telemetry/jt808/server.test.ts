/**
 * The JT/T 808 server with a real telemetry service and SQLite store: login, refusals, reports, batches, sub-packages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../kernel/testing.ts';
import { encodeMessage } from './codec.ts';
import { encodeBatch, encodeLocation } from './location.ts';
import { decodeGeneralReply, decodeRegisterReply, encodeAuth, encodeRegister, MSG } from './messages.ts';
import { frame, header, sampleLocation } from './testing.ts';
import { type Harness, RawClient, startJt808 } from './testing-server.ts';

const REG = { province: 0, city: 0, maker: 'M', model: 'X', terminalId: 'T1', plateColor: 1, plate: 'P' };
const NOW = Math.floor(Date.now() / 1000) * 1000 - 60_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const track = (svc: Harness['svc'], id: string) => svc.track(id, NOW - 3_600_000, NOW + 3_600_000);

describe('JT/T 808 server', () => {
  it('registers, authenticates and stores a report before acknowledging it; work from the IO bit', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-4', work: { source: 'io', bit: 0 } }] });
    const c = await RawClient.open(h.server.port);
    c.write(frame(MSG.register, encodeRegister(REG, 2013), 2013, 1));
    const reg = await c.reply(1);
    expect(reg.header.msgId).toBe(MSG.registerReply);
    const r = decodeRegisterReply(reg.body);
    expect(r).toMatchObject({ serial: 1, result: 0 });
    c.write(frame(MSG.auth, encodeAuth({ authCode: 'wrong-code' }, 2013), 2013, 2));
    expect(decodeGeneralReply((await c.reply(2)).body)).toEqual({ serial: 2, msgId: MSG.auth, result: 1 });
    c.write(frame(MSG.auth, encodeAuth({ authCode: r.authCode! }, 2013), 2013, 3));
    expect(decodeGeneralReply((await c.reply(3)).body)).toEqual({ serial: 3, msgId: MSG.auth, result: 0 });
    expect(h.svc.status.get('S-4').online).toBe(true);
    c.write(frame(MSG.heartbeat, Buffer.alloc(0), 2013, 4));
    expect(decodeGeneralReply((await c.reply(4)).body).result).toBe(0);
    const loc = sampleLocation({ ts: NOW, extras: { io: 1 } });
    c.write(frame(MSG.location, encodeLocation(loc), 2013, 5));
    const ack = decodeGeneralReply((await c.reply(5)).body);
    expect(ack).toEqual({ serial: 5, msgId: MSG.location, result: 0 });
    const stored = await track(h.svc, 'S-4'); // stored before the reply was sent
    expect(stored).toMatchObject([
      { ts: NOW, lat: loc.lat, lon: loc.lon, speedKmh: 23.4, heading: 271, work: { active: true } },
    ]);
    c.write(frame(MSG.logout, Buffer.alloc(0), 2013, 6));
    expect(decodeGeneralReply((await c.reply(6)).body).result).toBe(0);
    c.write(frame(MSG.location, encodeLocation({ ...loc, ts: NOW + 1000 }), 2013, 7));
    expect(decodeGeneralReply((await c.reply(7)).body).result).toBe(1); // logged out: refused
    expect(await track(h.svc, 'S-4')).toHaveLength(1);
    c.close();
  });

  it('refuses an unknown terminal and stores nothing it sends', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-4' }] });
    const c = await RawClient.open(h.server.port);
    const phone = '013900000000';
    c.write(frame(MSG.register, encodeRegister(REG, 2013), 2013, 1, phone));
    expect(decodeRegisterReply((await c.reply(1)).body)).toEqual({ serial: 1, result: 4 }); // no such terminal
    c.write(frame(MSG.auth, encodeAuth({ authCode: 'guess' }, 2013), 2013, 2, phone));
    expect(decodeGeneralReply((await c.reply(2)).body).result).toBe(1);
    c.write(frame(MSG.location, encodeLocation(sampleLocation({ ts: NOW })), 2013, 3, phone));
    expect(decodeGeneralReply((await c.reply(3)).body).result).toBe(1);
    await h.svc.idle();
    for (const v of ['S-4', 'S-12', 'P-1']) expect(await track(h.svc, v)).toEqual([]);
    expect(h.server.counters.terminals()).toEqual({ unknown: { unknown_terminal: 2, not_authenticated: 1 } });
    c.close();
  });

  it('2019 header with a 20-digit phone; a 0x0704 batch sent as sub-packages out of order', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'P-1', authCode: 'P1-CODE-1234' }] });
    const c = await RawClient.open(h.server.port);
    c.write(
      frame(
        MSG.auth,
        encodeAuth({ authCode: 'P1-CODE-1234', imei: '860000000000001', softwareVersion: 'v1' }, 2019),
        2019,
        1,
      ),
    );
    expect(decodeGeneralReply((await c.reply(1)).body).result).toBe(0);
    const items = Array.from({ length: 30 }, (_, i) => sampleLocation({ ts: NOW + i * 1000, lat: 40.7 + i * 1e-4 }));
    const parts = encodeMessage(header(MSG.batch, 2019, 100), encodeBatch({ type: 1, items }), 300);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of [...parts].reverse()) c.write(p);
    await waitFor(() => c.replies.length === 1 + parts.length);
    const acked = c.replies.slice(1).map((f) => decodeGeneralReply(f.body));
    expect(acked.every((a) => a.result === 0 && a.msgId === MSG.batch)).toBe(true);
    expect(acked.map((a) => a.serial).sort((a, b) => a - b)).toEqual(parts.map((_, i) => 100 + i));
    expect((await track(h.svc, 'P-1')).map((p) => p.ts)).toEqual(items.map((l) => l.ts));
    c.close();
  });

  it('an unexpected error inside a session drops that connection only; the server keeps serving', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-4', authCode: 'S4-CODE' }] });
    const real = h.svc.ingestFix.bind(h.svc);
    h.svc.ingestFix = () => {
      throw new Error('bug');
    };
    const a = await RawClient.open(h.server.port);
    a.write(frame(MSG.auth, encodeAuth({ authCode: 'S4-CODE' }, 2013), 2013, 1));
    await a.reply(1);
    a.write(frame(MSG.location, encodeLocation(sampleLocation({ ts: NOW })), 2013, 2));
    await waitFor(() => a.closed);
    h.svc.ingestFix = real;
    const b = await RawClient.open(h.server.port);
    b.write(frame(MSG.auth, encodeAuth({ authCode: 'S4-CODE' }, 2013), 2013, 1));
    b.write(frame(MSG.location, encodeLocation(sampleLocation({ ts: NOW })), 2013, 2));
    expect(decodeGeneralReply((await b.reply(2)).body)).toMatchObject({ serial: 2, result: 0 });
    b.close();
  });

  it('closes a connection that does not authenticate in time (the kernel/net guard)', async () => {
    h = await startJt808({
      terminals: [{ phone: '013912345678', vehicle: 'S-4', authCode: 'S4-CODE' }],
      connections: { handshakeSeconds: 0.3 },
    });
    const idle = await RawClient.open(h.server.port);
    const ok = await RawClient.open(h.server.port);
    ok.write(frame(MSG.auth, encodeAuth({ authCode: 'S4-CODE' }, 2013), 2013, 1));
    await ok.reply(1);
    await waitFor(() => idle.closed, 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(ok.closed).toBe(false);
    expect(h.server.health().stats).toMatchObject({ 'guard.handshakeClosed': 1 });
    ok.close();
  });

  it('skips a malformed frame without dropping the connection; closes one that sends only garbage', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-12', authCode: 'S12-CODE' }] });
    const c = await RawClient.open(h.server.port);
    c.write(frame(MSG.auth, encodeAuth({ authCode: 'S12-CODE' }, 2013), 2013, 1));
    await c.reply(1);
    const bad = Buffer.from(frame(MSG.location, encodeLocation(sampleLocation({ ts: NOW })), 2013, 2));
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 0x01; // check code off by one bit
    c.write(
      Buffer.concat([
        bad,
        Buffer.from('junk'),
        frame(MSG.location, encodeLocation(sampleLocation({ ts: NOW })), 2013, 3),
      ]),
    );
    expect(decodeGeneralReply((await c.reply(2)).body)).toMatchObject({ serial: 3, result: 0 });
    expect(c.closed).toBe(false);
    expect(h.server.counters.terminals()['013912345678']).toEqual({ bad_check_code: 1, too_short: 1 });

    const g = await RawClient.open(h.server.port);
    for (let i = 0; i < 10; i++) g.write(Buffer.from([0x7e, 1, 2, 3, 0x7e]));
    await waitFor(() => g.closed);
    expect(h.server.health().stats).toMatchObject({ closedGarbage: 1 });
    c.close();
  });
});
