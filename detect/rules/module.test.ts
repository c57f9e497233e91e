import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { repoRoot, testConfig } from '../../kernel/testing.ts';
import { RulesModule } from './module.ts';
import { openDatabase } from '../../kernel/db.ts';
import { zoneMigrations, ZoneTable } from './zone-table.ts';

function ctxWith(zonesJson?: unknown): AppContext {
  const { config } = testConfig({
    cameras: [
      {
        id: 'cam-1',
        source: 'demo/media/detectron_street_cart_17790319373.jpg',
        location: { lat: 40.7178, lon: -74.0431 },
      },
    ],
    zones: [
      {
        id: 'road',
        camera: 'cam-1',
        kind: 'no-vending',
        polygon: [
          [0.3, 0.4],
          [0.6, 0.4],
          [0.6, 1],
        ],
      },
      {
        id: 'walk',
        camera: 'cam-1',
        kind: 'litter-watch',
        polygon: [
          [0, 0.5],
          [0.2, 0.5],
          [0, 0.9],
        ],
      },
    ],
    grid: { regular: { origin: [-74.1, 40.685], cellMeters: 100, columns: 60, rows: 80, prefix: '340702001' } },
  });
  if (zonesJson !== undefined) writeFileSync(path.join(config.dataDir, 'zones.json'), JSON.stringify(zonesJson));
  return {
    config,
    baseDir: repoRoot,
    dataDir: config.dataDir,
    bus: new EventBus(),
    log: silentLogger(),
    clock: new ManualClock(0),
    startedAt: 0,
  };
}

describe('rules module', () => {
  it('resolves zones with grid cell and location from the camera, and reports them in health', async () => {
    const mod = new RulesModule(ctxWith());
    await mod.start();
    const road = mod.rules.runner('road')!.zone;
    expect(road).toMatchObject({
      cameraId: 'cam-1',
      category: '05-04',
      dwellMs: 300_000,
      timezone: 'Asia/Shanghai',
      location: { lat: 40.7178, lon: -74.0431 },
    });
    expect(road.gridCell).toMatch(/^340702001\d{6}$/);
    expect(mod.health()).toMatchObject({
      state: 'ok',
      stats: { zones: 2, vendingZones: 1, litterZones: 1, ongoingHits: 0 },
    });
    await mod.stop();
  });

  it("applies saved zone edits at start and live edits from the bus, keeping unchanged zones' state", async () => {
    const saved = {
      version: 1,
      cameras: {
        'cam-1': [
          {
            id: 'road',
            camera: 'cam-1',
            kind: 'no-vending',
            polygon: [
              [0.3, 0.4],
              [0.6, 0.4],
              [0.6, 1],
            ],
          },
        ],
      },
    };
    // a pilot's DATA/zones.json: imported into the database at start, then applied from there
    const ctx = ctxWith(saved);
    const db = openDatabase(':memory:', zoneMigrations);
    const mod = new RulesModule(ctx, { savedZones: () => db });
    expect(mod.rules.zones().map((z) => z.id)).toEqual(['road', 'walk']);
    await mod.start();
    expect(mod.rules.zones().map((z) => z.id)).toEqual(['road']);
    expect(existsSync(path.join(ctx.dataDir, 'zones.json.imported'))).toBe(true);
    expect(new ZoneTable(db).get('cam-1')?.zones.map((z) => z.id)).toEqual(['road']);
    const before = mod.rules.runner('road');
    ctx.bus.emit('zones.changed', {
      cameraId: 'cam-1',
      by: 'operator',
      zones: [
        {
          id: 'road',
          camera: 'cam-1',
          kind: 'no-vending',
          polygon: [
            [0.3, 0.4],
            [0.6, 0.4],
            [0.6, 1],
          ],
        },
        {
          id: 'kerb',
          camera: 'cam-1',
          kind: 'litter-watch',
          polygon: [
            [0, 0.6],
            [0.1, 0.6],
            [0, 0.9],
          ],
          dwellSeconds: 60,
        },
      ],
    });
    expect(mod.rules.zones().map((z) => z.id)).toEqual(['road', 'kerb']);
    expect(mod.rules.runner('road')).toBe(before);
    expect(mod.rules.runner('kerb')!.zone.dwellMs).toBe(60_000);
    await mod.stop();
  });

  it('falls back to the configured zones when the saved edits are damaged', async () => {
    const ctx = ctxWith({ version: 2 });
    const db = openDatabase(':memory:', zoneMigrations);
    const mod = new RulesModule(ctx, { savedZones: db });
    await mod.start();
    expect(mod.rules.zones().map((z) => z.id)).toEqual(['road', 'walk']);
    expect(existsSync(path.join(ctx.dataDir, 'zones.json'))).toBe(true); // left in place
    db.prepare('INSERT INTO camera_zones VALUES (?, ?, 1, 0, ?)').run('cam-1', '[{"id":"x"}]', 'sql');
    const damagedRow = new RulesModule(ctxWith(), { savedZones: db });
    await damagedRow.start();
    expect(damagedRow.rules.zones().map((z) => z.id)).toEqual(['road', 'walk']);
    await Promise.all([mod.stop(), damagedRow.stop()]);
  });
});
