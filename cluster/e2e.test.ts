/**
 * The cluster as a user starts it: real mosquitto, one `gridwatch start --role core`, two `--role video` (the demo
 * cameras split between them by leases) and one `--role telemetry` (the simulated fleet), each its own process.
 * The hits counted here are injected through each video node's test hook (GRIDWATCH_CLUSTER_TEST_HOOKS): real
 * detection on four processes of a shared 2-core machine is too slow to give a steady, countable stream. They take
 * the real path (bus → spool → broker → core → cases). Vehicle cases come from the real simulated fleet.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { exited, tempDir, waitFor } from '../kernel/testing.ts';
import { freePort } from '../telemetry/testing/ports.ts';
import { hasMosquitto, Mosquitto } from '../telemetry/testing/mosquitto.ts';
import {
  adminGet,
  clusterOf,
  healthStat,
  type Injected,
  inject,
  leasedOn,
  type RunningNode,
  startNode,
  writeClusterConfig,
} from './e2e-nodes.ts';
import { type TestPostgres, postgresMissing, startTestPostgres } from '../kernel/testing/pg.ts';
import { type CoreDb, openCoreDbPg } from './e2e-db.ts';

const LEASE_S = 6;
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

const missing = !hasMosquitto ? 'mosquitto is not installed' : postgresMissing();

describe.skipIf(missing !== undefined)(
  `a cluster of four processes (core, two video, telemetry)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let mosq: Mosquitto;
    let pg: TestPostgres;
    const root = tempDir('gw-cluster-');
    const dirs = {
      core: path.join(root, 'core'),
      v1: path.join(root, 'v1'),
      v2: path.join(root, 'v2'),
      t: path.join(root, 't'),
    };
    const logs = new Map<string, string>();
    const nodes = new Map<string, RunningNode>();
    let file = '';
    let corePort = 0;
    let db: CoreDb;

    beforeAll(async () => {
      mosq = await Mosquitto.start();
      corePort = await freePort();
      pg = await startTestPostgres();
      db = await openCoreDbPg(pg.createDatabase());
      file = writeClusterConfig(root, { mqttUrl: mosq.url, corePort, leaseSeconds: LEASE_S, ...db.configExtra });
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
    const kill9 = async (id: string): Promise<void> => {
      const n = nodes.get(id)!;
      n.child.kill('SIGKILL');
      await exited(n.child);
      nodes.delete(id);
    };
    const held = async (id: string): Promise<readonly string[]> =>
      (await clusterOf(`http://127.0.0.1:${corePort}`)).nodes.find((n) => n.nodeId === id && !n.stale)?.cameras ?? [];

    /** Every injected hit is on exactly one case, and each evidence file arrived with its content. */
    const allArrived = async (injected: readonly Injected[]): Promise<boolean> => {
      const refs = injected.flatMap((i) => i.hits.map((h) => `hit:${h.id}`));
      const found = await db.caseOfRefs(refs);
      if (found.size < refs.length) return false;
      for (const sum of injected.flatMap((i) => i.hits.flatMap((h) => h.evidence)))
        if (!existsSync(path.join(dirs.core, 'evidence', sum.slice(0, 2), `${sum}.jpg`))) return false;
      return true;
    };

    it('splits the cameras, turns every hit into one case, survives a dead video node and a dead core', async () => {
      onTestFailed(async () => {
        // what each node said, and the core's view of the cluster, to tell a slow machine from a lost finding
        for (const [id, text] of logs)
          console.error(`--- ${id} (last lines)\n${text.split('\n').slice(-40).join('\n')}`);
        const view = await clusterOf(`http://127.0.0.1:${corePort}`).catch((e: unknown) => String(e));
        console.error(`--- /api/cluster\n${JSON.stringify(view, null, 1).slice(0, 4000)}`);
      });
      const ports = await Promise.all([freePort(), freePort(), freePort()]);
      await start('core', 'core-1', dirs.core, corePort);
      await Promise.all([
        start('video', 'video-1', dirs.v1, ports[0]!),
        start('video', 'video-2', dirs.v2, ports[1]!),
        start('telemetry', 'telemetry-1', dirs.t, ports[2]!),
      ]);
      // the demo's four cameras split between the two video nodes by their leases
      await waitFor(async () => (await held('video-1')).length > 0 && (await held('video-2')).length > 0, 60_000, 500);
      await waitFor(async () => (await held('video-1')).length + (await held('video-2')).length === 4, 60_000, 500);
      const [h1, h2] = [await held('video-1'), await held('video-2')];
      expect(h1.filter((c) => h2.includes(c))).toEqual([]);

      // hits from both video nodes become cases on the core
      const injected: Injected[] = [await inject(nodes.get('video-1')!, 8), await inject(nodes.get('video-2')!, 8)];
      await waitFor(() => allArrived(injected), 180_000, 500); // generous: four nodes on a loaded 2-core machine
      const cameras = await db.caseCameras();
      expect(h1.some((c) => cameras.includes(c)) && h2.some((c) => cameras.includes(c))).toBe(true);
      // and the simulated fleet's violations from the telemetry node
      await waitFor(async () => (await db.vehicleCases()) > 0, 240_000, 1000);
      // the telemetry node's day reports, saved in the database, are the core's route-compliance reports
      const compliance = (): Promise<{ vehicles: { vehicleId: string }[] }> =>
        adminGet(`http://127.0.0.1:${corePort}`, '/api/reports/compliance');
      await waitFor(async () => (await compliance()).vehicles.length > 0, 120_000, 1000);

      // kill -9 a video node: its cameras run on the other within lease + 10 s
      const before = await db.openCasesPerZone();
      const killedAt = Date.now();
      await kill9('video-1');
      await waitFor(async () => (await leasedOn(nodes.get('video-2')!)) === 4, (LEASE_S + 10) * 1000, 100);
      const movedMs = Date.now() - killedAt; // video-2 holds (and runs) all four
      expect(movedMs).toBeLessThan((LEASE_S + 10) * 1000);
      await waitFor(async () => (await held('video-2')).length === 4, 15_000, 250); // the core sees it (heartbeat)
      injected.push(await inject(nodes.get('video-2')!, 8)); // the moved cameras' hits join their open cases
      await waitFor(() => allArrived(injected), 180_000, 500); // generous: four nodes on a loaded 2-core machine
      const after = await db.openCasesPerZone();
      for (const [zone, n] of after) expect({ zone, n }).toEqual({ zone, n: before.get(zone) ?? 1 });

      // kill -9 the core for 30 s while hits and evidence keep coming
      await kill9('core-1');
      const coreKilledAt = Date.now();
      const during: Injected[] = [];
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        during.push(await inject(nodes.get('video-2')!, 3));
        await new Promise((r) => setTimeout(r, 2000));
      }
      // the evidence of those hits waited in video-2's spool
      const spooled = (await healthStat(nodes.get('video-2')!, 'spool', 'pending')) ?? 0;
      expect(spooled).toBeGreaterThan(0);
      const downFor = Date.now() - coreKilledAt;
      await start('core', 'core-1', dirs.core, corePort);
      injected.push(...during);
      await waitFor(() => allArrived(injected), 120_000, 1000);

      // every hit exactly once: one ledger row and one case per hit; every evidence file with its content
      const ids = injected.flatMap((i) => i.hits.map((h) => h.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(await db.ledgerRowsPerRef(ids.map((id) => `hit:${id}`))).toEqual(
        new Map(ids.map((id) => [`hit:${id}`, 1])),
      );
      const sums = injected.flatMap((i) => i.hits.flatMap((h) => h.evidence));
      expect(sums.length).toBe(ids.length);
      for (const sum of sums) expect(sha(path.join(dirs.core, 'evidence', sum.slice(0, 2), `${sum}.jpg`))).toBe(sum);
      expect(await db.integrity()).toEqual([]);
      const view = await clusterOf(`http://127.0.0.1:${corePort}`);
      expect(view.hits.dropped.invalid).toBe(0);
      expect(readdirSync(path.join(dirs.v2, 'spool')).filter((f) => f.endsWith('.jpg'))).toEqual([]);
      const figures = {
        hits: ids.length,
        hitsWhileCoreDown: during.reduce((n, i) => n + i.hits.length, 0),
        spooledWhileCoreDown: spooled,
        coreDownMs: downFor,
        camerasMovedMs: movedMs,
        vehicleCases: await db.vehicleCases(),
        dropped: view.hits.dropped,
        duplicates: view.hits.duplicates,
      };
      process.stdout.write(`cluster e2e figures ${JSON.stringify(figures)}\n`);
    }, 600_000);
  },
);
