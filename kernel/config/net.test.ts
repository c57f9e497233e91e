import { describe, expect, it } from 'vitest';
import { connectionLimits, connectionsSchema } from './net.ts';

const schema = connectionsSchema('test', { maxPerAddress: 8, handshakeSeconds: 10, idleSeconds: 60, maxQueuedKb: 512 });

describe('connections config', () => {
  it('fills the listener defaults and converts to the guard limits', () => {
    const c = schema.parse(undefined);
    expect(c).toEqual({ maxPerAddress: 8, handshakeSeconds: 10, idleSeconds: 60, maxQueuedKb: 512 });
    expect(connectionLimits({ ...c, handshakeSeconds: 2.5 })).toEqual({
      maxPerAddress: 8,
      handshakeMs: 2500,
      idleMs: 60_000,
      maxBufferedBytes: 512 * 1024,
    });
  });

  it('names a bad or unknown field', () => {
    const r = schema.safeParse({ maxPerAddress: 0, idle: 3 });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => `${i.path.join('.')} ${i.code}`);
    expect(paths).toEqual(expect.arrayContaining(['maxPerAddress too_small', ' unrecognized_keys']));
  });
});
