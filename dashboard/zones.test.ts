import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { EventBus, type ZonesChangedEvent } from '../kernel/bus.ts';
import { validateConfig } from '../kernel/config/load.ts';
import { openDatabase, openPostgres, type Db } from '../kernel/db.ts';
import { silentLogger } from '../kernel/log.ts';
import { describeBackends } from '../kernel/testing/backends.ts';
import { waitFor } from '../kernel/testing.ts';
import { login, startDashboardApp } from './testing.ts';
import { RulesModule } from '../detect/rules/module.ts';
import { effectiveZones, readZoneOverrides } from '../detect/rules/saved-zones.ts';
import { ZoneFeed } from '../detect/rules/zone-feed.ts';

const cameras = [
  { id: 'cam-1', source: 'demo/media/detectron_street_cart_17790319373.jpg', enabled: false },
  { id: 'cam-2', source: 'demo/media/urban_garbage_bags_frame0.jpg', enabled: false },
];
const zones = [
  {
    id: 'z1',
    camera: 'cam-1',
    kind: 'no-vending',
    polygon: [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
  },
  {
    id: 'z2',
    camera: 'cam-2',
    kind: 'litter-watch',
    polygon: [
      [0, 0],
      [1, 0],
      [0, 1],
    ],
  },
];

describeBackends('zone editing', (_open, backend) => {
  let app: App;
  let database: Record<string, unknown>;
  // a second connection to the app's database: another node of the cluster
  let other: Db;
  beforeAll(async () => {
    database = backend.database();
    app = await startDashboardApp({ cameras, zones, ...database });
    const url = (database.database as { url?: string } | undefined)?.url;
    other = url ? openPostgres(url) : openDatabase(path.join(app.ctx.dataDir, 'gridwatch.db'));
  });
  afterAll(async () => {
    if (other?.open) other.close();
    await app?.stop();
  });

  it("replaces one camera's zones, keeps the rest, saves them in the database and tells the bus", async () => {
    const op = await login(app.url(), 'operator');
    const told: ZonesChangedEvent[] = [];
    const off = app.ctx.bus.on('zones.changed', (e) => void told.push(e));
    const edited = [
      {
        id: 'z1',
        name: '人行道',
        kind: 'no-vending',
        polygon: [
          [0.1, 0.2],
          [0.9, 0.2],
          [0.9, 0.9],
          [0.1, 0.9],
        ],
        dwellSeconds: 60,
      },
    ];
    const res = await op.fetch('/api/cameras/cam-1/zones', { method: 'PUT', json: { zones: edited } });
    expect(res.status).toBe(200);
    off();
    expect(told).toEqual([{ cameraId: 'cam-1', by: 'operator', zones: [{ ...edited[0], camera: 'cam-1' }] }]);
    const all = (await (await op.fetch('/api/zones')).json()) as { id: string; camera: string; polygon: unknown[] }[];
    expect(all.map((z) => [z.id, z.camera, z.polygon.length])).toEqual([
      ['z2', 'cam-2', 3],
      ['z1', 'cam-1', 4],
    ]);
    expect(((await (await op.fetch('/api/zones?camera=cam-2')).json()) as unknown[]).length).toBe(1);
    const saved = readZoneOverrides(other);
    expect(saved.cameras['cam-1']![0]!.name).toBe('人行道');
    // What the detector does at start: configured zones with the saved edits applied.
    const config = validateConfig({ cameras, zones });
    expect(effectiveZones(config.zones, saved).map((z) => z.id)).toEqual(['z2', 'z1']);
  });

  it('refuses a zone id used on another camera (409), an unknown camera (404), and a regulator (403)', async () => {
    const op = await login(app.url(), 'operator');
    const clash = await op.fetch('/api/cameras/cam-1/zones', {
      method: 'PUT',
      json: {
        zones: [
          {
            id: 'z2',
            kind: 'no-vending',
            polygon: [
              [0, 0],
              [1, 0],
              [1, 1],
            ],
          },
        ],
      },
    });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { message: string }).message).toContain('z2');
    const unknown = await op.fetch('/api/cameras/nope/zones', { method: 'PUT', json: { zones: [] } });
    expect(unknown.status).toBe(404);
    const reg = await login(app.url(), 'regulator');
    expect((await reg.fetch('/api/cameras/cam-1/zones', { method: 'PUT', json: { zones: [] } })).status).toBe(403);
  });

  it("an edit saved through the core's zone route reaches a video node's rules within the poll interval", async () => {
    // the video side: its own bus and rules module, fed from the database by its zone feed (as wireVideo does)
    const loaded = validateConfig({ cameras, zones, ...database });
    const ctx = { ...app.ctx, config: loaded, bus: new EventBus(), log: silentLogger() };
    const rules = new RulesModule(ctx);
    const feed = new ZoneFeed({ db: other, bus: ctx.bus, log: ctx.log, pollMs: 200 });
    await rules.start();
    await feed.start();
    const ids = (): string[] => rules.rules.zones().map((z) => z.id);
    const kerb = { id: 'kerb', kind: 'litter-watch', polygon: zones[1]!.polygon, dwellSeconds: 45 };
    const op = await login(app.url(), 'operator');
    const res = await op.fetch('/api/cameras/cam-2/zones', { method: 'PUT', json: { zones: [kerb] } });
    expect(res.status).toBe(200);
    await waitFor(() => ids().includes('kerb'), 15_000);
    expect(ids()).not.toContain('z2');
    expect(rules.rules.runner('kerb')!.zone.dwellMs).toBe(45_000);
    await feed.stop();
    await rules.stop();
  });
});
