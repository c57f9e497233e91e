import { describe, expect, it } from 'vitest';
import { offRouteRule, type OffRouteParams } from './off-route.ts';
import { fix, runTimeline, summary } from './timeline.ts';
import { EMPTY, type RouteEvent } from './types.ts';

const p: OffRouteParams = { corridorM: 30, debounceM: 100, debounceS: 60, clearS: 30, clearM: 100 };
const run = (events: readonly RouteEvent[]) =>
  summary(runTimeline(offRouteRule, EMPTY, p, events)).filter((s) => !s.startsWith('update'));
/** One fix a minute (a sparse feed), 300 m apart, `depotM` metres from the depot. */
const off = (s: number, depotM: number, over = {}) =>
  fix(s, { inCorridor: false, offRouteM: 200, movedM: 300, depotM, ...over });
const on = (s: number, depotM = 3000, over = {}) => fix(s, { movedM: 300, depotM, ...over });
const depot = (s: number) => fix(s, { inCorridor: false, offRouteM: 3000, movedM: 0, depotM: 50, inDepot: true });

describe('off-route with a depot: deadhead legs are not deviations (timeline, one fix a minute)', () => {
  it('from the depot to the route, then back to the depot: nothing', () => {
    const outbound = [depot(0), off(60, 300), off(120, 600), off(180, 900), off(240, 1200)];
    const work = [on(300), on(360), on(420), on(480)];
    const inbound = [off(540, 2700), off(600, 2400), off(660, 2100), off(720, 1800), off(780, 1500), depot(840)];
    expect(run([...outbound, ...work, ...inbound])).toEqual([]);
  });

  it('first seen away from the depot (a truck already on its way): nothing until it arrives on its route', () => {
    expect(run([off(0, 1100), off(60, 1400), off(120, 1700), on(180), on(240)])).toEqual([]);
  });

  it('crossing an assigned street on the way is not arriving: the approach goes on', () => {
    expect(run([depot(0), off(60, 300), on(120, 600), off(180, 900), off(240, 1200), off(300, 1500)])).toEqual([]);
  });

  it('a detour that does not head home is a deviation from when it left the route', () => {
    const v = run([
      depot(0),
      on(60),
      on(120),
      on(180),
      off(240, 3000),
      off(300, 3300),
      off(360, 3600),
      on(420),
      on(480),
    ]);
    expect(v).toEqual(['start off-route @240', 'end off-route @240..420']);
  });

  it('heading home, then turning away: a deviation after all, from when it left the route', () => {
    const route = [on(0), on(60), on(120)];
    const v = run([...route, off(180, 2700), off(240, 2400), off(300, 2100), off(360, 2400), off(420, 2800)]);
    expect(v).toEqual(['start off-route @180']);
  });

  it('heading home, then back to the route without reaching the depot: a deviation', () => {
    const v = run([on(0), on(60), on(120), off(180, 2700), off(240, 2400), off(300, 2100), on(360), on(420), on(480)]);
    expect(v).toEqual(['start off-route @180', 'end off-route @180..360']);
  });
});

describe('off-route hysteresis: one continuing deviation is one finding', () => {
  it('a sparse fix jittering onto the route for a moment does not end it', () => {
    const v = run([
      on(0),
      on(60),
      off(120, 3000),
      off(180, 3000),
      off(240, 3000),
      on(300),
      off(360, 3000),
      on(420),
      on(480),
    ]);
    expect(v).toEqual(['start off-route @120', 'end off-route @120..420']);
  });

  it('a fix matched onto the route from a parallel street (raw fix outside the corridor) does not end it', () => {
    const parallel = { rawInCorridor: false };
    const v = run([on(0), on(60), off(120, 3000), off(180, 3000), on(240, 3000, parallel), on(300, 3000, parallel)]);
    expect(v).toEqual(['start off-route @120']);
  });

  it('back on the route for clearS and clearM: it ends when the vehicle came back', () => {
    const v = run([on(0), on(60), off(120, 3000), off(180, 3000), off(240, 3000), on(300), on(360)]);
    expect(v).toEqual(['start off-route @120', 'end off-route @120..300']);
  });
});
