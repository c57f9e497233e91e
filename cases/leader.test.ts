/**
 * Several cores on one database: the singleton jobs of the cases module (webhook/outbox delivery, deadline reminders)
 * run only while the core is the leader (kernel/cluster/leader.ts). Cases are still created and changed on any core.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../kernel/clock.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import { hit, startCases, useBackend, type Harness } from './fixture.ts';
import { DeadlineWatch } from './notify/deadline-watch.ts';
import { outboxStats } from './outbox.ts';

let h: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const toggle = () => ({
  on: false,
  isLeader(): boolean {
    return this.on;
  },
});

describeBackends('singleton jobs only on the leader', (_open, ctx) => {
  useBackend(ctx);

  it('webhook deliveries wait while the core is not the leader and go out once it is', async () => {
    const got: string[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        got.push(body);
        res.end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const leader = toggle();
    const webhooks = [{ id: 'mirror', url, secret: 'mirror-secret-0123456789' }];
    h = await startCases(tempDir('gw-lead-'), systemClock, { cases: { webhooks } }, { webhookPollMs: 20, leader });
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // created, registered, dispatched: 3 deliveries
    expect(h.store.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1); // cases go on on any core
    h.module.webhooks.kick();
    await new Promise((r) => setTimeout(r, 300)); // 15 poll rounds
    expect(got).toEqual([]);
    expect(outboxStats(h.store.db)).toMatchObject({ pending: 3, delivered: 0 });
    leader.on = true;
    await waitFor(() => outboxStats(h!.store.db).delivered === 3);
    expect(got).toHaveLength(3);
  });

  it('deadline reminders are sent only while leader', async () => {
    const clock = new ManualClock(Date.parse('2026-12-07T01:00:00Z')); // Monday 09:00 Shanghai
    h = await startCases(tempDir('gw-lead-'), clock);
    h.bus.emit('hit', { phase: 'start', hit: hit('h3') });
    const svc = h.module.service;
    await waitFor(() => svc.repo.stmt("SELECT count(*) FROM cases WHERE status = 'dispatched'").pluck().get() === 1);
    const id = svc.repo.stmt('SELECT id FROM cases').pluck().get() as string;
    clock.set(svc.get(id)!.deadline! + 60_000); // overdue
    const leader = toggle();
    const watch = new DeadlineWatch(svc, { dueSoonWorkingHours: 1, checkSeconds: 60 }, silentLogger(), () =>
      leader.isLeader(),
    );
    expect(watch.check()).toBe(0);
    leader.on = true;
    expect(watch.check()).toBe(1);
    expect(watch.check()).toBe(0); // once per deadline, as before
  });
});
