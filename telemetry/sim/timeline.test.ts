/**
 * The simulated fleet as timelines, on the demo city's real OpenStreetMap streets (demo/longgang, committed): speeds
 * per vehicle type, collection stops, noise bounds, the late start, the signal gap, the deviation, determinism.
 */
import { describe, expect, it } from 'vitest';
import { demoConfigFile } from '../../demo/index.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import { type Incidents, SimVehicle } from './schedule.ts';
import type { SimFix } from './timeline.ts';
import { simVehicles } from './vehicles.ts';

const loaded = loadConfigFile(demoConfigFile);
const fleet = simVehicles(loaded.config, loaded.baseDir);
const NONE: Incidents = { lateStart: 0, gap: 0, deviation: 0 };
/** 08:00 in Shenzhen on a Tuesday. */
const T0 = Date.parse('2026-03-03T08:00:00+08:00');

function vehicle(id: string, incidents: Incidents = NONE): SimVehicle {
  const v = fleet.find((x) => x.o.id === id);
  if (!v) throw new Error(`no simulated ${id}`);
  return new SimVehicle({ ...v.o, incidents });
}

/** The round whose window starts at T0 (every demo plan has one at 08:00). */
function round(v: SimVehicle): { fixes: SimFix[]; start: number; end: number } {
  const r = v.rounds(T0, T0 + 1).find((x) => x.w.start === T0)!;
  return { fixes: v.round(r.w, r.spanEnd), start: r.w.start, end: r.w.end };
}

const metresToRoute = (v: SimVehicle, f: SimFix): number => {
  const { net, assigned } = v.o.tour;
  const [x, y] = [net.proj.x(f.lon), net.proj.y(f.lat)];
  let d = Number.POSITIVE_INFINITY;
  for (const s of assigned) d = Math.min(d, net.distanceTo(s, x, y));
  return d;
};
const metresToRoad = (v: SimVehicle, f: SimFix): number => {
  const { net } = v.o.tour;
  const [x, y] = [net.proj.x(f.lon), net.proj.y(f.lat)];
  const s = net.nearest(x, y, 200);
  return s < 0 ? Number.POSITIVE_INFINITY : net.distanceTo(s, x, y);
};

describe('a simulated round (demo city, 08:00 window)', () => {
  it.each([
    ['S-4', 'sweeper', 5, 9],
    ['S-12', 'sprinkler', 10, 16],
    ['P-1', 'garbage truck', 18, 28],
  ])('%s (%s) works at %d–%d km/h on its streets, faster between, all inside its window', (id, _type, lo, hi) => {
    const v = vehicle(id);
    const { fixes, start, end } = round(v);
    const working = fixes.filter((f) => f.work && f.speedKmh > 0);
    expect(working.length).toBeGreaterThan(60);
    for (const f of working) {
      expect(f.speedKmh).toBeGreaterThanOrEqual(lo - 2);
      expect(f.speedKmh).toBeLessThanOrEqual(hi + 2);
    }
    const moving = fixes.filter((f) => f.speedKmh > 0);
    expect(moving[0]!.ts).toBeGreaterThanOrEqual(start);
    expect(moving[0]!.ts).toBeLessThan(start + 3 * 60_000 + 10_000);
    expect(moving.at(-1)!.ts).toBeLessThan(end);
    // while driving, a fix every 10 s; parked, every 60 s
    const driving = fixes.filter((f) => f.ts >= moving[0]!.ts && f.ts <= moving.at(-1)!.ts);
    for (let i = 1; i < driving.length; i++) expect(driving[i]!.ts - driving[i - 1]!.ts).toBe(10_000);
    expect(fixes.at(-1)!.work).toBe(false);
    expect(fixes.at(-1)!.speedKmh).toBe(0);
  });

  it('GPS noise: every fix within 3σ (12 m) of a road, and spread (not snapped onto the line)', () => {
    for (const id of ['S-4', 'S-12', 'P-1']) {
      const v = vehicle(id);
      const d = round(v).fixes.map((f) => metresToRoad(v, f));
      expect(Math.max(...d), id).toBeLessThanOrEqual(12.2);
      const mean = d.reduce((a, x) => a + x, 0) / d.length;
      expect(mean, id).toBeGreaterThan(1.5);
      expect(mean, id).toBeLessThan(6);
    }
  });

  it('the garbage truck stops at collection points (working, speed 0, on its streets); the others do not', () => {
    const stops = (v: SimVehicle): number => {
      let n = 0;
      let run = 0;
      for (const f of round(v).fixes) {
        run = f.work && f.speedKmh === 0 ? run + 1 : 0;
        if (run === 4) n++;
      }
      return n;
    };
    const p1 = vehicle('P-1');
    expect(stops(p1)).toBeGreaterThan(10);
    for (const f of round(p1).fixes.filter((x) => x.work)) expect(metresToRoute(p1, f)).toBeLessThan(30);
    expect(stops(vehicle('S-4'))).toBe(0);
    expect(stops(vehicle('S-12'))).toBe(0);
  });

  it('a late start leaves the depot 18–28 minutes after the window opens', () => {
    const v = vehicle('S-4', { ...NONE, lateStart: 1 });
    const { fixes, start } = round(v);
    const first = fixes.find((f) => f.speedKmh > 0)!;
    expect(first.ts - start).toBeGreaterThanOrEqual(18 * 60_000);
    expect(first.ts - start).toBeLessThanOrEqual(28 * 60_000 + 10_000);
    // parked fixes in the depot until then, not working
    expect(fixes.filter((f) => f.ts < first.ts).every((f) => !f.work && f.speedKmh === 0)).toBe(true);
  });

  it('a signal gap: 6–9 minutes without a fix while the vehicle drives on', () => {
    const v = vehicle('S-12', { ...NONE, gap: 1 });
    const { fixes } = round(v);
    const gaps = fixes.slice(1).map((f, i) => ({ s: (f.ts - fixes[i]!.ts) / 1000, moved: f.speedKmh > 0 }));
    const big = gaps.filter((g) => g.s > 60);
    expect(big).toHaveLength(1);
    expect(big[0]!.s).toBeGreaterThanOrEqual(360);
    expect(big[0]!.s).toBeLessThanOrEqual(550);
    expect(big[0]!.moved).toBe(true);
  });

  it('a deviation: out over 40 m off the assigned streets for a minute or more, not working, and back', () => {
    const plain = round(vehicle('P-1')).fixes;
    const v = vehicle('P-1', { ...NONE, deviation: 1 });
    const { fixes } = round(v);
    const firstWork = fixes.findIndex((f) => f.work);
    const lastWork = fixes.findLastIndex((f) => f.work);
    const off = fixes.slice(firstWork, lastWork).filter((f) => metresToRoute(v, f) > 40);
    expect(off.length).toBeGreaterThanOrEqual(6); // a minute or more
    expect(off.every((f) => !f.work)).toBe(true);
    const plainLast = plain.findLast((x) => x.work)!.ts;
    const plainFirst = plain.find((x) => x.work)!.ts;
    const plainOff = plain.filter((f) => f.ts > plainFirst && f.ts < plainLast && metresToRoute(v, f) > 40);
    expect(plainOff).toHaveLength(0);
  });

  it('is deterministic: the same seed gives the same fixes; another seed other ones', () => {
    const a = round(vehicle('S-4')).fixes;
    expect(round(vehicle('S-4')).fixes).toEqual(a);
    const v = fleet.find((x) => x.o.id === 'S-4')!;
    const other = new SimVehicle({ ...v.o, seed: v.o.seed + 1, incidents: NONE });
    expect(round(other).fixes).not.toEqual(a);
  });

  it('fixesBetween spans rounds in time order, each fix once', () => {
    const v = vehicle('S-4');
    const all = v.fixesBetween(T0 - 3_600_000, T0 + 3_600_000);
    for (let i = 1; i < all.length; i++) expect(all[i]!.ts).toBeGreaterThan(all[i - 1]!.ts);
    const halves = [...v.fixesBetween(T0 - 3_600_000, T0), ...v.fixesBetween(T0, T0 + 3_600_000)];
    expect(halves).toEqual(all);
  });
});
