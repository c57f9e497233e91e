/**
 * 10,000 random and mutated frames on ONE authenticated connection: every one refused with a reason (by the codec,
 * the session or the pipeline's validation), nothing stored, the connection kept, and its next valid frame stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../kernel/testing.ts';
import { FRAME_REASONS } from './codec.ts';
import { fuzzCorpus } from './fuzzing.ts';
import { encodeLocation } from './location.ts';
import { decodeGeneralReply, encodeAuth, MSG } from './messages.ts';
import { frame, sampleLocation } from './testing.ts';
import { type Harness, RawClient, startJt808 } from './testing-server.ts';
import { REJECT_REASONS } from '../types.ts';

const PHONE = '013912345678';
const N = 10_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('JT/T 808 fuzzing', () => {
  it('refuses 10,000 bad frames with reasons, keeps the connection and stores its next valid frame', async () => {
    h = await startJt808({ terminals: [{ phone: PHONE, vehicle: 'S-4', authCode: 'S4-FUZZ-CODE' }] });
    const now = Math.floor(Date.now() / 1000) * 1000 - 10_000;
    const c = await RawClient.open(h.server.port);
    c.write(frame(MSG.auth, encodeAuth({ authCode: 'S4-FUZZ-CODE' }, 2013), 2013, 1));
    expect(decodeGeneralReply((await c.reply(1)).body).result).toBe(0);

    const corpus = fuzzCorpus(PHONE, now, N);
    for (let i = 0; i < corpus.length; i += 200) c.write(Buffer.concat(corpus.slice(i, i + 200)));
    const refused = (): number => h!.server.counters.total + h!.svc.counters.summary().rejected;
    await waitFor(() => refused() >= N, 60_000);
    await h.svc.idle();
    expect(refused()).toBe(N);
    const codec = h.server.counters.reasons();
    const pipeline = h.svc.counters.byReason();
    for (const r of Object.keys(codec)) expect(FRAME_REASONS).toContain(r);
    for (const r of Object.keys(pipeline)) expect(REJECT_REASONS).toContain(r);
    // every generator's reason shows up
    for (const r of [
      'bad_check_code',
      'bad_length',
      'bad_header',
      'encrypted',
      'bad_subpackage',
      'unsupported_message',
    ])
      expect(codec[r], r).toBeGreaterThan(0);
    for (const r of ['bad_body', 'phone_mismatch', 'bad_escape', 'oversized', 'auth_failed'])
      expect(codec[r], r).toBeGreaterThan(0);
    expect(pipeline).toMatchObject({ bad_coordinates: expect.any(Number), ts_future: expect.any(Number) });
    expect(await h.svc.track('S-4', 0, Date.now() + 1e12)).toEqual([]);
    expect(c.closed).toBe(false);
    expect(h.server.health().state).toBe('ok');

    const before = c.replies.length;
    c.write(frame(MSG.location, encodeLocation(sampleLocation({ ts: now })), 2013, 4242));
    await waitFor(() => c.replies.some((r, i) => i >= before && decodeGeneralReply(r.body).serial === 4242), 20_000);
    const ack = c.replies
      .slice(before)
      .map((r) => decodeGeneralReply(r.body))
      .find((r) => r.serial === 4242);
    expect(ack).toEqual({ serial: 4242, msgId: MSG.location, result: 0 });
    expect((await h.svc.track('S-4', 0, Date.now() + 1e12)).map((p) => p.ts)).toEqual([now]);
    c.close();
  }, 120_000);
});
