import { describe, expect, it } from 'vitest';
import type { Violation } from '../../kernel/types/index.ts';
import { readTrace } from '../trace/index.ts';
import { checkVehicleTrace } from './check-trace.ts';
import { DEMO_TRACE, demoPositions, legs, runDemoFleet, type Span } from './demo-fleet.ts';

const overlaps = (v: Violation, s: Span): boolean => v.start <= s.end && (v.end ?? Infinity) >= s.start;
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** Off-route findings per vehicle against the vehicle's deviations and deadhead legs (see legs()). */
async function count(startAt: number | undefined) {
  const positions = demoPositions(startAt, startAt !== undefined);
  const run = await runDemoFleet(positions);
  const findings = new Map<string, Violation>();
  for (const e of run.events) if (e.violation.kind === 'off-route') findings.set(e.violation.id, e.violation);
  return ['S-4', 'S-12', 'P-1'].map((id) => {
    const l = legs(positions, id, run);
    const mine = [...findings.values()].filter((v) => v.vehicleId === id);
    return {
      id,
      findings: mine.length,
      deviations: l.deviations.length,
      perDeviation: l.deviations.map((d) => mine.filter((v) => overlaps(v, d)).length),
      onDeadhead: mine.filter((v) => l.deadhead.some((d) => overlaps(v, d))).map((v) => hhmm(v.start)),
      outsideDeviations: mine.filter((v) => !l.deviations.some((d) => overlaps(v, d))).map((v) => hhmm(v.start)),
    };
  });
}

describe('the demo trucks (demo/jerseycity.yaml, the real Jersey City trace) through the route checks', () => {
  it('as recorded (inferred work in the plans windows): no off-route on a depot trip, one per deviation', async () => {
    const r = await count(undefined);
    process.stdout.write(`recorded ${JSON.stringify(r)}\n`);
    for (const v of r) {
      expect(v.onDeadhead, v.id).toEqual([]);
      expect(Math.max(0, ...v.perDeviation), v.id).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it('as the live demo replays it (re-dated to now, work: true all day): the same', async () => {
    const r = await count(Date.parse('2026-03-03T03:00:00Z'));
    process.stdout.write(`live ${JSON.stringify(r)}\n`);
    for (const v of r) {
      expect(v.onDeadhead, v.id).toEqual([]);
      expect(Math.max(0, ...v.perDeviation), v.id).toBeLessThanOrEqual(1);
    }
  }, 60_000);
});

describe('check-route and the live path count duplicate timestamps alike', () => {
  it('the recorded trace (78 repeated timestamps): check-route gives the live service findings, coverage', async () => {
    const run = await runDemoFleet(demoPositions(undefined, false));
    const trace = readTrace(DEMO_TRACE, { tz: 'America/New_York' });
    for (const [id, planId] of [
      ['S-4', 's4-heights'],
      ['S-12', 's12-summit'],
      ['P-1', 'p1-collection'],
    ] as const) {
      const { net, plan } = run.svc.network!.plans.get(planId)!;
      const fixes = trace.filter((f) => f.vehicleId === id);
      const r = checkVehicleTrace(fixes, id, { net, plan, type: id === 'P-1' ? 'garbage-truck' : 'sweeper' });
      const live = run.events.filter((e) => e.violation.vehicleId === id && e.phase === 'start');
      const kinds = (vs: readonly { kind: string; start: number }[]) =>
        vs.filter((v) => v.kind === 'off-route' || v.kind === 'incomplete-coverage').map((v) => `${v.kind}@${v.start}`);
      expect(kinds(r.violations.map((v) => v.violation)).sort(), id).toEqual(
        kinds(live.map((e) => e.violation)).sort(),
      );
      const [day] = run.svc.reports({ vehicleId: id });
      expect(r.coverage, id).toBeCloseTo(day!.coverage!, 6);
      expect(r.duplicates + new Set(fixes.map((f) => f.ts)).size, id).toBe(fixes.length);
    }
  }, 60_000);
});

describe('a backlog uploaded late (the demo S-4 day, arriving all at once hours later)', () => {
  it('raises signal-lost only for the gaps over maxGapSeconds that check-route finds in the same trace', async () => {
    const recorded = demoPositions(undefined, false).filter((p) => p.vehicleId === 'S-4');
    const wall = recorded.at(-1)!.ts + 6 * 3_600_000;
    // each fix arrives a second after the one before; the route service's clock ticks every 10 s of wall time
    const backlog = recorded.map((p, i) => ({ ...p, receivedAt: wall + i * 1000 }));
    const run = await runDemoFleet(backlog, undefined, undefined, (p) => p.receivedAt);
    const gaps = run.events.filter((e) => e.violation.kind === 'signal-lost' && e.phase === 'end');
    const trace = readTrace(DEMO_TRACE, { tz: 'America/New_York' }).filter((f) => f.vehicleId === 'S-4');
    const { net, plan } = run.svc.network!.plans.get('s4-heights')!;
    const checked = checkVehicleTrace(trace, 'S-4', { net, plan, type: 'sweeper' }).violations;
    const expected = checked.filter((v) => v.kind === 'signal-lost').map((v) => [v.violation.start, v.violation.end]);
    expect(expected.length).toBe(2); // 1245 s and 705 s, over the plan's 600 s
    expect(gaps.map((e) => [e.violation.start, e.violation.end])).toEqual(expected);
    for (const e of gaps) expect(e.violation.end! - e.violation.start).toBeGreaterThan(plan.maxGapS * 1000);
  }, 60_000);
});
