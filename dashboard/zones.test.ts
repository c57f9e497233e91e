import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import type { ZonesChangedEvent } from '../kernel/bus.ts';
import { validateConfig } from '../kernel/config/load.ts';
import { InputError } from '../kernel/errors.ts';
import { tempDir } from '../kernel/testing.ts';
import { login, startDashboardApp } from './testing.ts';
import { effectiveZones, readZoneOverrides, zonesFile } from '../detect/rules/saved-zones.ts';

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

let app: App;
beforeAll(async () => {
  app = await startDashboardApp({ cameras, zones });
});
afterAll(async () => app?.stop());

describe('zone editing', () => {
  it("replaces one camera's zones, keeps the rest, saves DATA/zones.json and tells the bus", async () => {
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
    const saved = readZoneOverrides(app.ctx.dataDir);
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

  it('reports a damaged zones file naming the file and the field', () => {
    const dir = tempDir();
    expect(readZoneOverrides(dir)).toEqual({ version: 1, cameras: {} });
    writeFileSync(zonesFile(dir), '{ not json');
    expect(() => readZoneOverrides(dir)).toThrow(InputError);
    expect(() => readZoneOverrides(dir)).toThrow(/zones\.json is not valid JSON/);
    writeFileSync(
      zonesFile(dir),
      JSON.stringify({ version: 1, cameras: { c: [{ id: 'z', camera: 'c', kind: 'x', polygon: [] }] } }),
    );
    expect(() => readZoneOverrides(dir)).toThrow(/cameras\.c\[0\]\.kind/);
    expect(existsSync(zonesFile(dir)) && readFileSync(zonesFile(dir), 'utf8').length).toBeGreaterThan(0);
  });
});
