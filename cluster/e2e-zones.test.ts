/**
 * Zone edits across processes: real mosquitto, real PostgreSQL, a core and one video node started with the CLI.
 * The core imports a pilot's DATA/zones.json into the database at its first start; the video node applies the saved
 * edits at start; an edit saved in the core's zone editor (PUT /api/cameras/:id/zones) reaches the video node's rules
 * within its zone feed's poll interval (seen in the node's /api/health: the rules module's zone count).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPostgres, postgresMissing, startTestPostgres } from '../kernel/testing/pg.ts';
import { exited, tempDir, waitFor } from '../kernel/testing.ts';
import { hasMosquitto, Mosquitto } from '../telemetry/testing/mosquitto.ts';
import { freePort } from '../telemetry/testing/ports.ts';
import { type CoreDb, openCoreDbPg } from './e2e-db.ts';
import { healthStat, type RunningNode, startNode, writeClusterConfig } from './e2e-nodes.ts';

const missing = !hasMosquitto ? 'mosquitto is not installed' : postgresMissing();
const tri = [
  [0.1, 0.6],
  [0.4, 0.6],
  [0.1, 0.95],
];

describe.skipIf(missing !== undefined)(
  `zone edits on the core reach a video node${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let mosq: Mosquitto;
    let pg: TestPostgres;
    let db: CoreDb;
    const root = tempDir('gw-zones-e2e-');
    const dirs = { core: path.join(root, 'core'), v1: path.join(root, 'v1') };
    const logs = new Map<string, string>();
    const nodes: RunningNode[] = [];
    let file = '';
    let corePort = 0;

    beforeAll(async () => {
      mosq = await Mosquitto.start();
      corePort = await freePort();
      pg = await startTestPostgres();
      db = await openCoreDbPg(pg.createDatabase());
      file = writeClusterConfig(root, { mqttUrl: mosq.url, corePort, leaseSeconds: 6, ...db.configExtra });
    }, 120_000);

    afterAll(async () => {
      for (const n of nodes) {
        n.child.kill('SIGKILL');
        await exited(n.child);
      }
      await db?.close();
      await pg?.stop();
      await mosq?.stop('SIGKILL');
    });

    const zonesOn = (node: RunningNode): Promise<number | undefined> => healthStat(node, 'rules', 'zones');

    it('imports zones.json on the core, and the video node follows an edit saved in the zone editor', async () => {
      // a pilot's zone edits from before the zone table: one extra zone on cam-traffic (the demo has two zones)
      mkdirSync(dirs.core, { recursive: true });
      const zonesJson = path.join(dirs.core, 'zones.json');
      const kerb = { id: 'traffic-kerb', camera: 'cam-traffic', kind: 'litter-watch', polygon: tri };
      writeFileSync(zonesJson, JSON.stringify({ version: 1, cameras: { 'cam-traffic': [kerb] } }));
      const core = await startNode(file, 'core', 'core-1', corePort, dirs.core, logs);
      nodes.push(core);
      expect(existsSync(zonesJson)).toBe(false);
      expect(existsSync(`${zonesJson}.imported`)).toBe(true);
      const video = await startNode(file, 'video', 'video-1', await freePort(), dirs.v1, logs);
      nodes.push(video);
      await waitFor(async () => (await zonesOn(video)) === 3, 30_000, 200);

      const login = await fetch(`${core.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'operator', password: 'operator-demo-2026' }),
      });
      expect(login.status).toBe(200);
      const { csrf } = (await login.json()) as { csrf: string };
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const lot = { id: 'parking-lot', kind: 'no-vending', polygon: tri, dwellSeconds: 120 };
      const savedAt = Date.now();
      const put = await fetch(`${core.url}/api/cameras/cam-parking/zones`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
        body: JSON.stringify({ zones: [lot] }),
      });
      expect(put.status).toBe(200);
      await waitFor(async () => (await zonesOn(video)) === 4, 20_000, 100);
      const followedMs = Date.now() - savedAt;
      expect(followedMs).toBeLessThan(5000 + 5000); // the 5 s poll, with slack for a loaded machine
      expect(video.log()).toMatch(/zones changed[\s\S]*parking-lot|parking-lot[\s\S]*zones changed/);
      process.stdout.write(`zones e2e figures ${JSON.stringify({ followedMs })}\n`);
    }, 300_000);
  },
);
