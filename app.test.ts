import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from './app.ts';
import type { HealthReport } from './kernel/health.ts';
import { silentLogger } from './kernel/log.ts';
import { testConfig } from './kernel/testing.ts';
import { EmbeddedBroker } from './telemetry/broker.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('startApp (embedded defaults)', () => {
  it('serves /api/health with every component ok, and a working embedded broker', async () => {
    app = await startApp({ loaded: testConfig(), log: silentLogger() });
    const res = await fetch(`${app.url()}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthReport;
    expect(body.status).toBe('ok');
    expect(Object.keys(body.components)).toEqual(expect.arrayContaining(['store', 'mqtt', 'http']));
    for (const [name, h] of Object.entries(body.components))
      expect({ name, state: h.state }).toEqual({ name, state: 'ok' });

    const broker = app.components.find((c) => c instanceof EmbeddedBroker) as EmbeddedBroker;
    const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      protocolVersion: 4,
      ...broker.internalCredential,
    });
    await client.endAsync();
  });

  it('every bus subscriber is a declared consumer; each declares only topics that exist', async () => {
    app = await startApp({ loaded: testConfig(), log: silentLogger() });
    const declared = new Set(app.busConsumers.flatMap((c) => c.subscribes));
    expect(app.busConsumers.map((c) => c.name)).toEqual(expect.arrayContaining(['rules', 'cases', 'dashboard']));
    const listening = app.ctx.bus.subscribed();
    expect(listening.length).toBeGreaterThan(3);
    expect(listening.filter((t) => !declared.has(t))).toEqual([]);
    // what the defaults switch on is listened to: every declared topic has a subscriber
    expect([...declared].filter((t) => !listening.includes(t))).toEqual([]);
  });

  it('stops cleanly: ports released, database closed', async () => {
    app = await startApp({ loaded: testConfig(), log: silentLogger() });
    const url = app.url();
    await app.stop();
    app = undefined;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('fails to start with a clear error when the HTTP port is taken, releasing what it opened', async () => {
    app = await startApp({ loaded: testConfig(), log: silentLogger() });
    const port = app.http.port;
    await expect(startApp({ loaded: testConfig({ server: { port } }), log: silentLogger() })).rejects.toThrow(
      /http failed to start: .*EADDRINUSE/,
    );
  });
});
