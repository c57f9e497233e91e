/** The connection guard on real loopback sockets: per-address cap, idle and handshake deadlines, slow readers. */
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing.ts';
import { ConnectionGuard, guardServer, type ConnectionLimits } from './guard.ts';

const servers: Server[] = [];
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

/** An echo server behind a guard; "HELLO" marks a connection established. */
async function echo(limits: ConnectionLimits): Promise<{ port: number; guard: ConnectionGuard }> {
  const guard = new ConnectionGuard('test', limits);
  const server = createServer((socket) => {
    socket.on('data', (d) => {
      if (d.toString().includes('HELLO')) guard.established(socket);
      socket.write(d);
    });
    socket.on('error', () => undefined);
  });
  guardServer(server, guard);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, guard };
}

/** A client from `from` (any 127/8 address is this machine); resolves once connected. */
function client(port: number, from = '127.0.0.1'): Promise<Socket & { gone: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from });
    const gone = new Promise<void>((r) => s.once('close', () => r()));
    s.on('error', () => undefined);
    clients.push(s);
    s.once('connect', () => resolve(Object.assign(s, { gone })));
    s.once('error', reject);
  });
}

const isOpen = (s: Socket): boolean => !s.destroyed && s.readyState === 'open';
const roundTrip = (s: Socket, text: string): Promise<string> =>
  new Promise((resolve) => {
    s.once('data', (d) => resolve(d.toString()));
    s.write(text);
  });

describe('ConnectionGuard', () => {
  it('refuses the (cap+1)-th connection from one address; other addresses are not affected', async () => {
    const { port, guard } = await echo({ maxPerAddress: 3, idleMs: 0, handshakeMs: 0 });
    const mine = await Promise.all([1, 2, 3].map(() => client(port, '127.0.0.2')));
    await waitFor(() => guard.openFrom('127.0.0.2') === 3);
    const fourth = await client(port, '127.0.0.2');
    await fourth.gone;
    expect(guard.stats()).toMatchObject({ open: 3, refused: 1 });
    const other = await client(port, '127.0.0.1');
    expect(await roundTrip(other, 'HELLO')).toBe('HELLO');
    for (const s of mine) expect(await roundTrip(s, 'still')).toBe('still');
    // a slot freed is a slot available again
    mine[0]!.destroy();
    await waitFor(() => guard.openFrom('127.0.0.2') === 2);
    const again = await client(port, '127.0.0.2');
    expect(await roundTrip(again, 'x')).toBe('x');
  });

  it('closes silent connections after the idle timeout and keeps talking ones', async () => {
    const { port, guard } = await echo({ maxPerAddress: 100, idleMs: 400, handshakeMs: 0 });
    const silent = await Promise.all(Array.from({ length: 20 }, () => client(port, '127.0.0.3')));
    const talker = await client(port);
    const talking = setInterval(() => talker.write('.'), 100);
    try {
      await Promise.all(silent.map((s) => s.gone));
      expect(isOpen(talker)).toBe(true);
      expect(guard.stats()).toMatchObject({ idleClosed: 20, open: 1 });
    } finally {
      clearInterval(talking);
    }
  });

  it('closes a connection that trickles bytes but never completes its handshake', async () => {
    const { port, guard } = await echo({ maxPerAddress: 100, idleMs: 10_000, handshakeMs: 500 });
    const slowloris = await client(port, '127.0.0.4');
    const good = await client(port);
    expect(await roundTrip(good, 'HELLO')).toBe('HELLO');
    const trickle = setInterval(() => slowloris.write('H'), 50);
    try {
      await slowloris.gone;
    } finally {
      clearInterval(trickle);
    }
    expect(isOpen(good)).toBe(true);
    expect(guard.stats()).toMatchObject({ handshakeClosed: 1, open: 1 });
  });

  it('closes a peer that stops reading once too much output is queued for it', async () => {
    const guard = new ConnectionGuard('flood', {
      maxPerAddress: 10,
      idleMs: 0,
      handshakeMs: 0,
      maxBufferedBytes: 1 << 20,
    });
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      const chunk = Buffer.alloc(64 * 1024);
      const flood = setInterval(() => (socket.destroyed ? clearInterval(flood) : socket.write(chunk)), 5);
    });
    guardServer(server, guard);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const reader = await client((server.address() as AddressInfo).port);
    reader.pause(); // never reads (so it would not notice the close either: watch the server side)
    await waitFor(() => guard.stats().slowClosed === 1, 20_000);
    expect(guard.stats().open).toBe(0);
  });

  it('guards node’s HTTP server too: idle sockets close, requests are served', async () => {
    const guard = new ConnectionGuard('http', { maxPerAddress: 5, idleMs: 300, handshakeMs: 0 });
    const server = createHttpServer((_req, res) => res.end('ok'));
    guardServer(server, guard);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const idle = await client(port, '127.0.0.5');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await idle.gone;
    expect(guard.stats().idleClosed).toBeGreaterThanOrEqual(1);
  });
});
