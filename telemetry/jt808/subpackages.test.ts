import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage, type Frame } from './codec.ts';
import { Reassembler } from './subpackages.ts';
import { header } from './testing.ts';

const parts = (body: Buffer, serial = 100): Frame[] =>
  encodeMessage(header(0x0704, 2013, serial), body, 100).map((w) => {
    const d = decodeFrame(w.subarray(1, -1));
    if (!d.ok) throw new Error(d.detail);
    return d.frame;
  });
const opts = { timeoutMs: 1000, maxBytes: 1000, maxOpen: 2 };

describe('sub-package reassembly', () => {
  it('reassembles parts that arrive out of order, acknowledging every serial', () => {
    const body = Buffer.from(Array.from({ length: 450 }, (_, i) => i & 0xff));
    const p = parts(body);
    expect(p).toHaveLength(5);
    const r = new Reassembler(opts);
    const order = [3, 0, 4, 2, 1];
    const results = order.map((i) => r.add(p[i]!, 0));
    expect(results.slice(0, 4).every((x) => x.kind === 'pending')).toBe(true);
    const done = results[4]!;
    if (done.kind !== 'complete') throw new Error(done.kind);
    expect(done.message.frame.body).toEqual(body);
    expect(done.message.frame.header).toEqual(header(0x0704, 2013, 100));
    expect([...done.message.serials].sort()).toEqual([100, 101, 102, 103, 104]);
    expect(r.pending).toBe(0);
  });

  it('a part sent twice counts once', () => {
    const p = parts(Buffer.alloc(150, 1));
    const r = new Reassembler(opts);
    expect(r.add(p[0]!, 0).kind).toBe('pending');
    expect(r.add(p[0]!, 0).kind).toBe('pending');
    expect(r.add(p[1]!, 0).kind).toBe('complete');
  });

  it('drops incomplete messages after the timeout', () => {
    const r = new Reassembler(opts);
    r.add(parts(Buffer.alloc(150))[0]!, 0);
    expect(r.expire(999)).toBe(0);
    expect(r.expire(1000)).toBe(1);
    expect(r.pending).toBe(0);
  });

  it('caps the size of one message and the messages open at once', () => {
    const r = new Reassembler(opts);
    const big = parts(Buffer.alloc(1100));
    const results = big.map((f) => r.add(f, 0));
    expect(results.find((x) => x.kind === 'error')).toMatchObject({ reason: 'subpackage_overflow' });
    const r2 = new Reassembler(opts);
    r2.add(parts(Buffer.alloc(150), 1)[0]!, 0);
    r2.add(parts(Buffer.alloc(150), 10)[0]!, 0);
    expect(r2.add(parts(Buffer.alloc(150), 20)[0]!, 0)).toMatchObject({ kind: 'error', reason: 'subpackage_overflow' });
    expect(r2.pending).toBe(2);
  });
});
