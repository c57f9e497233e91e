import { describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { hostOf, isLocalAddress, isLoopback } from './address.ts';

describe('peer addresses', () => {
  it('strips ports and the IPv4 mapping', () => {
    expect(hostOf('127.0.0.1:5000')).toBe('127.0.0.1');
    expect(hostOf('::ffff:10.0.0.7:5000')).toBe('10.0.0.7');
    expect(hostOf('[::1]:80')).toBe('::1');
    expect(hostOf('::1')).toBe('::1');
    expect(hostOf('10.0.0.7')).toBe('10.0.0.7');
  });

  it('knows loopback from the network', () => {
    for (const a of ['127.0.0.1:1', '127.8.9.10', '::ffff:127.0.0.1:5', '::1', '[::1]:9'])
      expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1:1', '::ffff:10.0.0.1:5', '', '128.0.0.1', '::2', '127.0.0.1.evil'])
      expect(isLoopback(a)).toBe(false);
  });

  it("counts this machine's own interface addresses as local", () => {
    const own = Object.values(networkInterfaces())
      .flatMap((l) => l ?? [])
      .map((i) => i.address);
    for (const a of own) expect(isLocalAddress(`${a.includes(':') ? `[${a}]` : a}:1234`)).toBe(true);
    expect(isLocalAddress('192.0.2.77:1')).toBe(false); // TEST-NET-1, never assigned
  });
});
