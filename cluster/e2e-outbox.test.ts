/**
 * A video node's findings survive `kill -9` while the broker is down: real mosquitto, real PostgreSQL, a core and one
 * video node started with the CLI. Hits are injected through the node's test hook (GRIDWATCH_CLUSTER_TEST_HOOKS) with
 * the broker stopped, so nothing can be acknowledged; the node is killed with -9; broker and node come back → every
 * hit reaches the core exactly once (one ledger row and one case per hit id), and the node's outbox is empty. Then
 * the same with a second video node that takes the dead node's cameras meanwhile: the leftovers, stamped with the
 * older lease generation and sent before the move, are still accepted (counted `late` on the core), once each.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPostgres, postgresMissing, startTestPostgres } from '../kernel/testing/pg.ts';
import { exited, tempDir, waitFor } from '../kernel/testing.ts';
import { hasMosquitto, Mosquitto } from '../telemetry/testing/mosquitto.ts';
import { freePort } from '../telemetry/testing/ports.ts';
import { type CoreDb, openCoreDbPg } from './e2e-db.ts';
import {
  clusterOf,
  healthStat,
  type Injected,
  inject,
  leasedOn,
  type RunningNode,
  startNode,
  writeClusterConfig,
} from './e2e-nodes.ts';

const missing = !hasMosquitto ? 'mosquitto is not installed' : postgresMissing();

describe.skipIf(missing !== undefined)(
  `a video node killed -9 with unacknowledged findings${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let mosq: Mosquitto;
    let pg: TestPostgres;
    let db: CoreDb;
    const root = tempDir('gw-outbox-e2e-');
    const dirs = { core: path.join(root, 'core'), v1: path.join(root, 'v1') };
    const outboxDir = path.join(dirs.v1, 'spool', 'findings');
    const logs = new Map<string, string>();
    const nodes = new Map<string, RunningNode>();
    let file = '';
    let coreUrl = '';
    const injected: Injected[] = [];

    beforeAll(async () => {
      mosq = await Mosquitto.start();
      const corePort = await freePort();
      coreUrl = `http://127.0.0.1:${corePort}`;
      pg = await startTestPostgres();
      db = await openCoreDbPg(pg.createDatabase());
      file = writeClusterConfig(root, { mqttUrl: mosq.url, corePort, leaseSeconds: 6, ...db.configExtra });
    }, 120_000);

    afterAll(async () => {
      for (const n of nodes.values()) {
        n.child.kill('SIGKILL');
        await exited(n.child);
      }
      await db?.close();
      await pg?.stop();
      await mosq?.stop('SIGKILL');
    });

    const start = async (role: string, id: string, dir: string, port: number): Promise<RunningNode> => {
      const n = await startNode(file, role, id, port, dir, logs);
      nodes.set(id, n);
      return n;
    };
    const outboxFiles = (): string[] => readdirSync(outboxDir).filter((f) => /^\d{12}\.json$/.test(f));
    const refsOf = (injected: readonly Injected[]): string[] =>
      injected.flatMap((i) => i.hits.map((h) => `hit:${h.id}`));
    const allOnCases = async (injected: readonly Injected[]): Promise<boolean> =>
      (await db.caseOfRefs(refsOf(injected))).size === refsOf(injected).length;

    it('every hit reaches the core exactly once after broker stop + kill -9 + restart', async () => {
      await start('core', 'core-1', dirs.core, Number(new URL(coreUrl).port));
      await start('video', 'video-1', dirs.v1, await freePort());
      await waitFor(
        async () => (await clusterOf(coreUrl)).nodes.some((n) => n.nodeId === 'video-1' && n.cameras.length > 0),
        90_000,
        500,
      );
      // the normal path first: acknowledged findings leave the outbox
      injected.push(await inject(nodes.get('video-1')!, 4));
      await waitFor(() => allOnCases(injected), 60_000, 500);
      await waitFor(() => outboxFiles().length === 0, 30_000, 200);

      // the broker goes away: nothing can be acknowledged, the findings wait on the node's disk
      await mosq.stop();
      const whileDown: Injected[] = [];
      for (let i = 0; i < 4; i++) whileDown.push(await inject(nodes.get('video-1')!, 5));
      const downHits = whileDown.reduce((n, i) => n + i.hits.length, 0);
      expect(downHits).toBe(20);
      expect(outboxFiles()).toHaveLength(20);
      expect(await healthStat(nodes.get('video-1')!, 'cluster', 'outbox')).toBe(20);

      // kill -9: mqtt.js's in-memory queue dies with the process
      const v1 = nodes.get('video-1')!;
      v1.child.kill('SIGKILL');
      await exited(v1.child);
      nodes.delete('video-1');
      expect(outboxFiles()).toHaveLength(20);

      await mosq.start();
      await start('video', 'video-1', dirs.v1, await freePort());
      injected.push(...whileDown);
      await waitFor(() => allOnCases(injected), 120_000, 1000);
      await waitFor(() => outboxFiles().length === 0, 60_000, 500);

      // exactly once: one ledger row per hit, every hit on a case; ids unique
      const refs = refsOf(injected);
      expect(new Set(refs).size).toBe(24);
      expect(await db.ledgerRowsPerRef(refs)).toEqual(new Map(refs.map((r) => [r, 1])));
      expect(await db.integrity()).toEqual([]);
      const view = await clusterOf(coreUrl);
      expect(view.hits.dropped).toEqual({ invalid: 0, staleGeneration: 0, notHolder: 0 });
      await waitFor(
        async () => (await clusterOf(coreUrl)).nodes.find((n) => n.nodeId === 'video-1')?.outbox === 0,
        30_000,
        500,
      );
      expect(logs.get('video-1')).toMatch(/findings left unacknowledged by the last run/);
      const figures = { hits: refs.length, whileBrokerDown: downHits, duplicates: view.hits.duplicates };
      process.stdout.write(`outbox e2e figures ${JSON.stringify(figures)}\n`);
    }, 600_000);

    // continues from the state the test above left (core, video-1 holding the cameras, every hit delivered)
    it('leftovers of a node whose cameras moved to another node meanwhile are accepted, once each', async () => {
      const dirV2 = path.join(root, 'v2');
      const v2 = await start('video', 'video-2', dirV2, await freePort());
      // a restarted node takes its cameras back only once its previous run's leases ran out (a node id might be
      // running twice by mistake): wait until video-1 analyses cameras again, beside video-2
      await waitFor(async () => (await leasedOn(nodes.get('video-1')!)) > 0 && (await leasedOn(v2)) > 0, 60_000, 250);
      await mosq.stop();
      const whileDown: Injected[] = [await inject(nodes.get('video-1')!, 5), await inject(nodes.get('video-1')!, 5)];
      expect(outboxFiles()).toHaveLength(10);
      const v1 = nodes.get('video-1')!;
      v1.child.kill('SIGKILL');
      await exited(v1.child);
      nodes.delete('video-1');
      await waitFor(async () => (await leasedOn(v2)) === 4, 60_000, 250); // video-2 took every camera
      await mosq.start();
      await start('video', 'video-1', dirs.v1, await freePort());
      injected.push(...whileDown);
      await waitFor(() => allOnCases(injected), 120_000, 1000);
      await waitFor(() => outboxFiles().length === 0, 60_000, 500);
      const refs = refsOf(injected);
      expect(new Set(refs).size).toBe(34);
      expect(await db.ledgerRowsPerRef(refs)).toEqual(new Map(refs.map((r) => [r, 1])));
      const view = await clusterOf(coreUrl);
      expect(view.hits.dropped).toEqual({ invalid: 0, staleGeneration: 0, notHolder: 0 });
      expect(view.hits.late).toBeGreaterThan(0); // the dead node's hits, sent after its cameras moved
      expect(logs.get('core-1')).toMatch(/hit made under an earlier lease/);
      expect(await db.integrity()).toEqual([]);
    }, 600_000);
  },
);
