/**
 * Vehicle cases from the demo trucks: the demo's vehicles and plans (demo/jerseycity.yaml, the real Jersey City
 * trace replayed as the live demo does) through the route checks and the cases module.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AppContext } from '../kernel/context.ts';
import { MainStore } from '../kernel/store.ts';
import { demoPositions, runDemoFleet } from '../telemetry/route/demo-fleet.ts';
import { placeOf } from './auto.ts';
import { violation as fixture } from './fixture.ts';
import { casesMigrations } from './migrations.ts';
import { CasesModule } from './module.ts';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('vehicle cases of the demo trucks', () => {
  it('every case has a location (never 0,0), a grid cell and the track slice as GeoJSON evidence', async () => {
    let cases: CasesModule | undefined;
    const start = async (ctx: AppContext) => {
      const store = MainStore.inDataDir(ctx.dataDir, casesMigrations);
      await store.start();
      cases = new CasesModule(ctx, store);
      await cases.start();
      stop = async () => {
        await cases?.stop();
        await store.stop();
      };
    };
    // re-dated to 07:20 on a New York morning, after the 07:00 windows' 15 min grace: late starts before the first
    // fix is decided, coverage at the windows' ends; the trucks report work all day, as the live demo's replay does
    const run = await runDemoFleet(demoPositions(Date.parse('2026-03-03T12:20:00Z')), undefined, start);
    const svc = cases!.service;
    const ids = svc.repo.stmt("SELECT id FROM cases WHERE source = 'vehicle'").all() as { id: string }[];
    const all = ids.map((r) => svc.get(r.id)!);
    const byCategory = new Map<string, number>();
    for (const c of all) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
    expect(byCategory.get('90-02')).toBeGreaterThan(0); // incomplete coverage
    expect(byCategory.get('90-05')).toBeGreaterThan(0); // late start
    for (const c of all) {
      expect(c.location, c.id).toBeDefined();
      expect(c.location!.lat !== 0 || c.location!.lon !== 0, c.id).toBe(true);
      expect(c.gridCell, `${c.id} ${c.category}`).toMatch(/^340702001/);
      const track = c.evidence.find((e) => e.kind === 'track');
      expect(track, `${c.id} ${c.category}`).toBeDefined();
      const geo = JSON.parse(readFileSync(cases!.evidence.fileOf(track!), 'utf8'));
      expect(geo.type).toBe('FeatureCollection');
      expect(geo.features.length).toBeGreaterThan(0);
    }
    expect(run.events.length).toBeGreaterThan(0);
  }, 120_000);

  it('a violation at 0,0 (no fix) is placed at its track, never at 0,0', () => {
    const v = fixture('v-0', { where: { lat: 0, lon: 0 } });
    expect(placeOf(v)).toEqual({ lat: v.track.at(-1)!.lat, lon: v.track.at(-1)!.lon });
    expect(placeOf(fixture('v-1', { where: { lat: 0, lon: 0 }, track: [] }))).toBeUndefined();
  });
});
