import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../kernel/clock.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { backendConfig, hit, startCases, type Harness, useBackend } from './fixture.ts';
import { outboxStats, type WebhookTarget } from './outbox.ts';
import { backoffMs, signature, verifySignature } from './webhooks.ts';
import { describeBackends } from '../kernel/testing/backends.ts';

const SECRET = 'mirror-secret-0123456789';

interface Received {
  readonly at: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local receiver answering each request with the next status from `statuses` (then 200). */
async function receiver(statuses: number[]): Promise<{ server: Server; url: string; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      got.push({ at: performance.now(), headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

const hook = (url: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  webhooks: [{ id: 'mirror', url, secret: SECRET, retryBaseSeconds: 0.05, retryMaxSeconds: 1, ...over }],
});

let h: Harness | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describeBackends('webhook delivery', (_open, ctx) => {
  useBackend(ctx);

  it('delivers every case event signed, retrying a receiver that fails twice, in order', async () => {
    const rx = await receiver([500, 503]);
    servers.push(rx.server);
    h = await startCases(tempDir('gw-hook-'), systemClock, { cases: hook(rx.url) }, { webhookPollMs: 20 });
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // created, register, dispatch
    await waitFor(() => outboxStats(h!.store.db).delivered === 3);
    expect(rx.got).toHaveLength(5);
    const bodies = rx.got.map(
      (r) => JSON.parse(r.body) as { seq: number; type: string; to?: string; case: { id: string } },
    );
    expect(bodies.map((b) => `${b.type}${b.to ? `:${b.to}` : ''}`)).toEqual([
      'created',
      'created',
      'created',
      'transition:registered',
      'transition:dispatched',
    ]);
    expect([...new Set(bodies.map((b) => b.case.id))]).toEqual([
      h.store.db.prepare('SELECT id FROM cases').pluck().get(),
    ]);
    for (const r of rx.got) {
      const ts = r.headers['x-gridwatch-timestamp'] as string;
      expect(verifySignature(SECRET, ts, r.body, r.headers['x-gridwatch-signature'] as string)).toBe(true);
      expect(verifySignature('another-secret-000000', ts, r.body, r.headers['x-gridwatch-signature'] as string)).toBe(
        false,
      );
      expect(r.headers['content-type']).toBe('application/json');
    }
    // The same delivery id was retried; the retry waited at least the backoff (50 ms, then 100 ms).
    expect(rx.got.slice(0, 3).map((r) => r.headers['x-gridwatch-delivery'])).toEqual(['1', '1', '1']);
    expect(rx.got[1]!.at - rx.got[0]!.at).toBeGreaterThanOrEqual(45);
    expect(rx.got[2]!.at - rx.got[1]!.at).toBeGreaterThanOrEqual(95);
    const row = h.store.db.prepare('SELECT attempts, last_error, delivered_at FROM webhook_outbox WHERE id = 1').get();
    expect(row).toMatchObject({ attempts: 3, last_error: null, delivered_at: expect.any(Number) });
    expect(h.module.health()).toMatchObject({ state: 'ok', stats: { webhookDelivered: 3, webhookPending: 0 } });
  });

  it('gives up after maxAttempts and reports it in health', async () => {
    const rx = await receiver([500, 500, 500, 500]);
    servers.push(rx.server);
    h = await startCases(
      tempDir('gw-hook-'),
      systemClock,
      { cases: hook(rx.url, { maxAttempts: 2, retryBaseSeconds: 0.01 }) },
      { webhookPollMs: 20 },
    );
    h.module.service.note(
      h.module.service.create(
        { source: 'inspector', category: '05-01', description: 'x', address: 'y' },
        { id: 'op', role: 'operator' },
      ).id,
      'n',
      { id: 'op', role: 'operator' },
    );
    await waitFor(() => outboxStats(h!.store.db).failed === 1, 30_000); // generous: a loaded machine
    // Per-target order: the second event waits behind the failed first one until it is given up, then goes out.
    await waitFor(() => outboxStats(h!.store.db).failed + outboxStats(h!.store.db).delivered === 2, 30_000);
    expect(h.module.health()).toMatchObject({
      state: 'degraded',
      detail: expect.stringMatching(/webhook deliveries given up/),
    });
    const failed = h.store.db.prepare('SELECT attempts, last_error FROM webhook_outbox WHERE id = 1').get();
    expect(failed).toEqual({ attempts: 2, last_error: 'HTTP 500' });
  });

  it('keeps undelivered events across a restart and delivers them afterwards (at least once)', async () => {
    const dataDir = tempDir('gw-hook-');
    const same = backendConfig(); // PostgreSQL: the same database after the restart
    const dead = await receiver([]);
    const deadUrl = dead.url;
    await new Promise((r) => dead.server.close(r)); // nothing listens there now
    h = await startCases(
      dataDir,
      systemClock,
      { cases: hook(deadUrl, { retryBaseSeconds: 60 }), ...same },
      { webhookPollMs: 20 },
    );
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    await waitFor(
      () => (h!.store.db.prepare('SELECT attempts FROM webhook_outbox WHERE id = 1').pluck().get() as number) >= 1,
    );
    await h.stop();
    h = undefined;
    const rx = await receiver([]);
    servers.push(rx.server);
    h = await startCases(
      dataDir,
      systemClock,
      { cases: hook(rx.url, { retryBaseSeconds: 0.01 }), ...same },
      { webhookPollMs: 20 },
    );
    h.store.db.prepare('UPDATE webhook_outbox SET next_at = 0').run(); // skip the 60 s backoff set before the restart
    await waitFor(() => outboxStats(h!.store.db).delivered === 3);
    expect(rx.got.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual([
      'created',
      'transition',
      'transition',
    ]);
  });
});

describe('signing and backoff', () => {
  it('signs timestamp.body with HMAC-SHA256', () => {
    // Known answer computed independently: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    expect(signature('key', '1700000000', '{"a":1}')).toBe(
      'sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03',
    );
  });

  it('doubles the delay up to the maximum', () => {
    const t = { retryBaseSeconds: 5, retryMaxSeconds: 60 } as WebhookTarget;
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(t, n))).toEqual([5000, 10000, 20000, 40000, 60000]);
  });
});
