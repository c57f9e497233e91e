import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventBus, type ZonesChangedEvent } from '../../kernel/bus.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { ZoneConfig } from '../../kernel/config/schema.ts';
import { InputError } from '../../kernel/errors.ts';
import { silentLogger } from '../../kernel/log.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';
import { tempDir, testConfig } from '../../kernel/testing.ts';
import { readZoneOverrides, readZonesFile, ZoneStore, zonesFile } from './saved-zones.ts';
import { ZoneFeed } from './zone-feed.ts';
import { importZonesFile } from './zone-import.ts';
import { zoneMigrations, ZoneTable } from './zone-table.ts';

const tri: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
];
const zone = (id: string, camera: string, extra: Partial<ZoneConfig> = {}): ZoneConfig =>
  ({ id, camera, kind: 'no-vending', polygon: tri, ...extra }) as ZoneConfig;

const { config } = testConfig({
  cameras: [
    { id: 'cam-1', source: 'demo/media/detectron_street_cart_17790319373.jpg', enabled: false },
    { id: 'cam-2', source: 'demo/media/urban_garbage_bags_frame0.jpg', enabled: false },
  ],
  zones: [zone('z1', 'cam-1'), zone('z2', 'cam-2')],
});

describe('a former zones file', () => {
  it('reads as no edits when absent, and names the file and the field when damaged', () => {
    const dir = tempDir();
    expect(readZonesFile(zonesFile(dir))).toEqual({ version: 1, cameras: {} });
    writeFileSync(zonesFile(dir), '{ not json');
    expect(() => readZonesFile(zonesFile(dir))).toThrow(InputError);
    expect(() => readZonesFile(zonesFile(dir))).toThrow(/zones\.json is not valid JSON/);
    writeFileSync(
      zonesFile(dir),
      JSON.stringify({ version: 1, cameras: { c: [{ id: 'z', camera: 'c', kind: 'x', polygon: [] }] } }),
    );
    expect(() => readZonesFile(zonesFile(dir))).toThrow(/cameras\.c\[0\]\.kind/);
  });
});

describeBackends('saved zones in the database', (open) => {
  it('saves a camera’s zones, reads them back with a version that grows per save', () => {
    const db = open(zoneMigrations);
    const table = new ZoneTable(db);
    expect(table.isEmpty()).toBe(true);
    expect(table.save('cam-1', [zone('a', 'cam-1', { dwellSeconds: 60 })], 'operator', 1000).version).toBe(1);
    const again = table.save('cam-1', [zone('a', 'cam-1'), zone('b', 'cam-1')], 'admin', 2000);
    expect(again.version).toBe(2);
    table.save('cam-2', [], 'operator', 3000);
    expect(table.get('cam-1')).toEqual({
      cameraId: 'cam-1',
      zones: [zone('a', 'cam-1'), zone('b', 'cam-1')],
      version: 2,
      updatedAt: 2000,
      updatedBy: 'admin',
    });
    expect([...table.versions()].sort()).toEqual([
      ['cam-1', 2],
      ['cam-2', 1],
    ]);
    expect(readZoneOverrides(db)).toEqual({ version: 1, cameras: { 'cam-1': again.zones, 'cam-2': [] } });
  });

  it('ZoneStore: replaces one camera’s zones, keeps the rest, tells the bus, refuses bad edits', () => {
    const db = open(zoneMigrations);
    const bus = new EventBus();
    const told: ZonesChangedEvent[] = [];
    bus.on('zones.changed', (e) => void told.push(e));
    const store = new ZoneStore(config, () => db, bus, new ManualClock(5000));
    const edited = [{ id: 'z1', kind: 'litter-watch' as const, polygon: tri, dwellSeconds: 30 }];
    store.replace('cam-1', edited, 'operator');
    expect(told).toEqual([{ cameraId: 'cam-1', by: 'operator', zones: [{ ...edited[0], camera: 'cam-1' }] }]);
    expect(store.list().map((z) => [z.id, z.camera, z.kind])).toEqual([
      ['z2', 'cam-2', 'no-vending'],
      ['z1', 'cam-1', 'litter-watch'],
    ]);
    expect(store.table.get('cam-1')).toMatchObject({ version: 1, updatedAt: 5000, updatedBy: 'operator' });
    // a second store (another core) sees the edit
    expect(new ZoneStore(config, db, bus, new ManualClock(0)).list('cam-1')[0]?.kind).toBe('litter-watch');
    expect(() => store.replace('cam-1', [{ id: 'z2', kind: 'no-vending', polygon: tri }], 'x')).toThrow(/z2/);
    expect(() => store.replace('cam-1', [edited[0]!, edited[0]!], 'x')).toThrow(/z1/);
    expect(() => store.replace('nope', [], 'x')).toThrow(/nope/);
    expect(store.table.get('cam-1')?.version).toBe(1);
    expect(told).toHaveLength(1);
  });

  it('reports a damaged row naming the camera and the field', () => {
    const db = open(zoneMigrations);
    db.prepare('INSERT INTO camera_zones VALUES (?, ?, 1, 0, ?)').run('cam-9', '[{"id":"q","kind":"x"}]', 'sql');
    expect(() => readZoneOverrides(db)).toThrow(InputError);
    expect(() => readZoneOverrides(db)).toThrow(/camera cam-9 is invalid[\s\S]*\[0\]\.kind/);
    db.prepare('UPDATE camera_zones SET zones = ?').run('{ nope');
    expect(() => new ZoneTable(db).get('cam-9')).toThrow(/camera cam-9 is not valid JSON/);
  });

  it('imports DATA/zones.json once into an empty table and renames it; a damaged file is left in place', () => {
    const db = open(zoneMigrations);
    const dir = tempDir();
    const saved = { version: 1, cameras: { 'cam-1': [zone('z9', 'cam-1')], 'cam-2': [] } };
    writeFileSync(zonesFile(dir), JSON.stringify(saved));
    const r = importZonesFile(db, dir, silentLogger(), 7000);
    expect(r).toEqual({ outcome: 'imported', cameras: ['cam-1', 'cam-2'], renamedTo: `${zonesFile(dir)}.imported` });
    expect(readZoneOverrides(db)).toEqual(saved);
    expect(new ZoneTable(db).get('cam-1')).toMatchObject({ version: 1, updatedAt: 7000, updatedBy: 'zones.json' });
    expect(existsSync(zonesFile(dir))).toBe(false);
    expect(JSON.parse(readFileSync(`${zonesFile(dir)}.imported`, 'utf8'))).toEqual(saved);
    expect(importZonesFile(db, dir, silentLogger(), 8000)).toEqual({ outcome: 'no-file' });
    // a file turning up when the table has edits is not imported over them
    writeFileSync(zonesFile(dir), JSON.stringify({ version: 1, cameras: { 'cam-1': [] } }));
    expect(importZonesFile(db, dir, silentLogger(), 9000)).toMatchObject({ outcome: 'left' });
    expect(readZoneOverrides(db)).toEqual(saved);
    expect(existsSync(zonesFile(dir))).toBe(true);

    const empty = open(zoneMigrations);
    const damaged = tempDir();
    writeFileSync(zonesFile(damaged), '{ not json');
    const left = importZonesFile(empty, damaged, silentLogger(), 0);
    expect(left).toMatchObject({ outcome: 'left', reason: expect.stringMatching(/not valid JSON/) });
    expect(readFileSync(zonesFile(damaged), 'utf8')).toBe('{ not json');
    expect(new ZoneTable(empty).isEmpty()).toBe(true);
  });

  it('ZoneFeed: publishes every saved camera at start, then only cameras whose version changed', async () => {
    const db = open(zoneMigrations);
    const table = new ZoneTable(db);
    table.save('cam-1', [zone('a', 'cam-1')], 'operator', 1);
    const bus = new EventBus();
    const told: ZonesChangedEvent[] = [];
    bus.on('zones.changed', (e) => void told.push(e));
    const feed = new ZoneFeed({ db, bus, log: silentLogger(), pollMs: 60_000 });
    await feed.start();
    expect(told).toEqual([{ cameraId: 'cam-1', zones: [zone('a', 'cam-1')], by: 'operator' }]);
    feed.poll();
    expect(told).toHaveLength(1);
    table.save('cam-2', [zone('b', 'cam-2')], 'admin', 2);
    table.save('cam-1', [], 'admin', 3);
    feed.poll();
    expect(told.slice(1).sort((x, y) => x.cameraId.localeCompare(y.cameraId))).toEqual([
      { cameraId: 'cam-1', zones: [], by: 'admin' },
      { cameraId: 'cam-2', zones: [zone('b', 'cam-2')], by: 'admin' },
    ]);
    // a damaged row is reported (health degraded) and skipped; the other cameras still follow
    db.prepare('UPDATE camera_zones SET zones = ?, version = 9 WHERE camera_id = ?').run('{', 'cam-1');
    table.save('cam-2', [], 'admin', 4);
    feed.poll();
    expect(told.at(-1)).toEqual({ cameraId: 'cam-2', zones: [], by: 'admin' });
    expect(told).toHaveLength(4);
    expect(feed.health()).toMatchObject({ state: 'degraded', detail: expect.stringContaining('cam-1') });
    await feed.stop();
  });
});
