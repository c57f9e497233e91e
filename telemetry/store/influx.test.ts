/**
 * The InfluxDB store's write path against a real server: Debian's victoria-metrics accepts /api/v2/write.
 * Reads go through its export API (VictoriaReader), because Flux needs a real InfluxDB 2, which this machine lacks:
 * the Flux queries themselves are NOT exercised here (only their result mapping, in influx-points.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../kernel/log.ts';
import { waitFor } from '../../kernel/testing.ts';
import { freePort } from '../testing/ports.ts';
import { hasVictoria, Victoria } from '../testing/victoria.ts';
import { VictoriaReader } from '../testing/victoria-reader.ts';
import { fix, positionStoreContract, type ContractHarness } from './contract.ts';
import { InfluxStore, type InfluxStoreOptions } from './influx.ts';

const options = (url: string, over: Partial<InfluxStoreOptions> = {}): InfluxStoreOptions => ({
  url,
  org: 'city',
  bucket: 'telemetry',
  token: 'test-token',
  batchSize: 5000,
  flushMs: 100,
  maxBufferPoints: 200_000,
  lookbackDays: 30,
  log: silentLogger(),
  ...over,
});

describe.skipIf(!hasVictoria)('InfluxStore against victoria-metrics', () => {
  let vm: Victoria;
  beforeAll(async () => {
    vm = await Victoria.start();
  });
  afterAll(async () => {
    await vm?.stop();
  });

  // Each harness gets its own measurement space by vehicle names? No: a fresh server per test keeps them apart.
  async function harness(server: Victoria): Promise<ContractHarness> {
    const store = new InfluxStore(options(server.url));
    await store.open();
    return {
      store,
      reader: new VictoriaReader(server),
      strings: false,
      reopen: async () => {
        await store.close();
        return harness(server);
      },
      cleanup: async () => {
        await store.close();
        await server.stop();
      },
    };
  }
  positionStoreContract('InfluxDB 2 write path (victoria-metrics)', async () => harness(await Victoria.start()));

  it('writes the line protocol victoria-metrics stores as position_<field>{vehicle}', async () => {
    const store = new InfluxStore(options(vm.url));
    await store.open();
    await store.write([fix('W-1', 1)]);
    await store.close();
    const names = (await vm.export('{vehicle="W-1"}')).map((s) => s.metric.__name__).sort();
    expect(names).toEqual([
      'position_accuracy_m',
      'position_heading',
      'position_lat',
      'position_late',
      'position_lon',
      'position_received_at',
      'position_speed_kmh',
      'position_work_active',
      'position_work_mode',
    ]);
    expect(store.stats()).toMatchObject({ kind: 'influx', written: 1, dropped: 0, buffered: 0 });
  });
});

describe.skipIf(!hasVictoria)('InfluxStore retry and bounded buffer over real HTTP', () => {
  it('keeps points while the server is down and delivers them once it is up', async () => {
    const port = await freePort();
    const store = new InfluxStore(options(`http://127.0.0.1:${port}`, { flushMs: 50, maxRetries: 20 }));
    await store.open();
    const batch = Array.from({ length: 500 }, (_, i) => fix('R-1', i));
    await store.write(batch);
    await waitFor(() => store.stats().errors > 0, 10_000);
    const vm = await Victoria.start(port);
    try {
      await waitFor(() => store.stats().written === 500, 20_000, 100);
      const back = await new VictoriaReader(vm).track('R-1', 0, Date.now());
      expect(back).toHaveLength(500);
      expect(store.stats()).toMatchObject({ dropped: 0, buffered: 0 });
    } finally {
      await store.close();
      await vm.stop();
    }
  });

  it('drops the oldest beyond maxBufferPoints and counts them; a 4xx is not retried', async () => {
    const port = await freePort();
    const store = new InfluxStore(
      options(`http://127.0.0.1:${port}`, { batchSize: 500, flushMs: 20, maxBufferPoints: 1000, maxRetries: 50 }),
    );
    await store.open();
    for (let i = 0; i < 10; i++) await store.write(Array.from({ length: 500 }, (_, j) => fix('B-1', i * 500 + j)));
    await waitFor(() => store.stats().dropped >= 3000, 15_000, 50);
    expect(store.stats().buffered).toBeLessThanOrEqual(2000);
    await store.close();

    const vm = await Victoria.start();
    try {
      const bad = new InfluxStore(options(`${vm.url}/no-such-prefix`, { maxRetries: 3 }));
      await bad.open();
      await bad.write([fix('X-1', 1)]);
      await expect(bad.flush()).rejects.toThrow();
      expect(bad.stats()).toMatchObject({ written: 0, dropped: 1 });
      await bad.close();
    } finally {
      await vm.stop();
    }
  });
});
