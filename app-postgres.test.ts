import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './app.ts';
import { login, TEST_CASES_CONFIG, TEST_USERS } from './dashboard/testing.ts';
import type { HealthReport } from './kernel/health.ts';
import { silentLogger } from './kernel/log.ts';
import { testConfig } from './kernel/testing.ts';
import { freePort, postgresMissing, startTestPostgres, type TestPostgres } from './kernel/testing/pg.ts';

const missing = postgresMissing();

async function until(ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('startApp with an unreachable database', () => {
  it('refuses to start, naming the host and database but not the password', async () => {
    const url = `postgres://gw:pw-Secret-42@127.0.0.1:${await freePort()}/city`;
    const loaded = testConfig({ database: { url } });
    const err = await startApp({ loaded, log: silentLogger() }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/cannot connect to PostgreSQL \(postgres 127\.0\.0\.1:\d+\/city\)/);
    expect(err?.message).not.toContain('pw-Secret-42');
  });
});

describe.skipIf(missing !== undefined)(`startApp on PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let pg: TestPostgres;
  let app: App | undefined;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    await app?.stop();
    await pg?.stop();
  });

  it('opens a case over the API, reads it after a restart, health names the database (no password)', async () => {
    // trust authentication on the test server ignores the password: it is here to prove it is never shown
    const url = pg.createDatabase().replace('postgres@', 'postgres:pw-Secret-42@');
    const loaded = testConfig({ users: TEST_USERS, cases: TEST_CASES_CONFIG, database: { url } });
    app = await startApp({ loaded, log: silentLogger() });
    const op = await login(app.url(), 'operator');
    const res = await op.fetch('/api/cases', {
      method: 'POST',
      json: { category: '05-04', description: '占道经营 青春路口', lat: 22.7, lon: 114.27 },
    });
    expect(res.status).toBe(201);
    const { case: created } = (await res.json()) as { case: { id: string; status: string } };
    const health = await (await fetch(`${app.url()}/api/health`)).text();
    expect(health).not.toContain('pw-Secret-42');
    const store = (JSON.parse(health) as HealthReport).components.store;
    expect(store).toEqual({ state: 'ok', detail: expect.stringMatching(/^postgres 127\.0\.0\.1:\d+\/t_/) });
    await app.stop();

    app = await startApp({ loaded, log: silentLogger() });
    const again = await login(app.url(), 'operator');
    const read = await again.fetch(`/api/cases/${created.id}`);
    expect(read.status).toBe(200);
    const body = (await read.json()) as { case: { id: string; description: string; status: string } };
    expect(body.case).toMatchObject({ id: created.id, description: '占道经营 青春路口', status: created.status });
    const list = (await (await again.fetch('/api/cases?q=青春路')).json()) as { total: number };
    expect(list.total).toBe(1);

    // the database goes away: requests that need it get 503, health says the store is down; it comes back by itself
    await pg.kill();
    const away = await again.fetch('/api/cases');
    expect(away.status).toBe(503);
    expect(await away.text()).toMatch(/database unavailable \(postgres 127\.0\.0\.1:\d+\/t_/);
    const down = (await (await fetch(`${app.url()}/api/health`)).json()) as HealthReport;
    expect(down.components.store?.state).toBe('down');
    await pg.restart();
    await until(async () => (await again.fetch('/api/cases')).status === 200);
    expect(((await (await again.fetch('/api/cases')).json()) as { total: number }).total).toBe(1);
  });
});
