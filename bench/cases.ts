/**
 * Automatic cases: how fast hits become cases (each one transaction: case row, 3 audit rows, ref, id counter —
 * created, registered, dispatched, with grid lookup, routing and a working-hour deadline) against the bare baseline
 * of writing the same rows with better-sqlite3 directly; plus duplicate attachment and KPIs over the result.
 *   npm run bench -- cases [COUNT]
 */
import { EventBus } from '../kernel/bus.ts';
import { ManualClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { openDatabase } from '../kernel/db.ts';
import { silentLogger } from '../kernel/log.ts';
import { MainStore } from '../kernel/store.ts';
import { tempDir } from '../kernel/testing.ts';
import { fixtureConfig, hit } from '../cases/fixture.ts';
import { computeKpis } from '../cases/kpi.ts';
import { loadKpiCases } from '../cases/kpi-load.ts';
import { casesMigrations } from '../cases/migrations.ts';
import { CasesModule } from '../cases/module.ts';
import { line, timed } from './report.ts';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const where = (i: number): { lat: number; lon: number } => ({
  lat: 34.0 + (Math.floor(i / 50) % 50) * 0.00036,
  lon: 118.0 + (i % 50) * 0.00044,
});

/** The same rows the service writes per case, inserted directly: one transaction per case. Returns a chunk runner. */
function baseline(): { run: (from: number, to: number) => number; close: () => void } {
  const db = openDatabase(`${tempDir('gw-bench-')}/base.db`, casesMigrations);
  const seq = db
    .prepare('INSERT INTO case_ids (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1 RETURNING n')
    .pluck();
  const ins = db.prepare(
    'INSERT INTO cases (id, source, category, status, grid_cell, unit_id, lat, lon, created_at, updated_at, ' +
      'deadline, ' +
      'data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ev = db.prepare(
    'INSERT INTO case_events (case_id, ts, actor, role, action, from_status, to_status, reason, data) VALUES ' +
      '(?, ?, ?, ' +
      '?, ?, ?, ?, ?, ?)',
  );
  const ref = db.prepare('INSERT INTO case_refs (ref, case_id, at) VALUES (?, ?, ?)');
  const one = db.transaction((i: number) => {
    const id = `20261123${String(seq.get('20261123')).padStart(5, '0')}`;
    const p = where(i);
    ins.run(
      id,
      'camera',
      '05-04',
      'dispatched',
      'g',
      'squad',
      p.lat,
      p.lon,
      T0,
      T0,
      T0,
      JSON.stringify({ id, ...p, evidence: [{ path: 'x' }] }),
    );
    for (const a of ['created', 'register', 'dispatch'])
      ev.run(id, T0, 'system:auto', 'system', a, null, 'dispatched', null, '{}');
    ref.run(`hit:b-${i}`, id, T0);
  });
  return {
    run: (from, to) => {
      const t0 = performance.now();
      for (let i = from; i < to; i++) one(i);
      return performance.now() - t0;
    },
    close: () => db.close(),
  };
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const count = Number(args[0] ?? 2000);
  const dataDir = tempDir('gw-bench-');
  const clock = new ManualClock(T0);
  const config = fixtureConfig(dataDir, { users: [] });
  const log = silentLogger();
  const bus = new EventBus(log);
  const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock, startedAt: T0 };
  const store = MainStore.inDataDir(dataDir, casesMigrations);
  await store.start();
  const mod = new CasesModule(ctx, store);
  await mod.start();

  // Interleave chunks of the baseline and of the real path, so load from other processes hits both alike.
  const base = baseline();
  let baseMs = 0;
  let ourMs = 0;
  const chunk = 100;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk);
    baseMs += base.run(from, to);
    const t = await timed(() => {
      for (let i = from; i < to; i++) {
        clock.set(T0 + i * 1000);
        bus.emit('hit', { phase: 'start', hit: hit(`b-${i}`, { zoneId: `z-${i}`, location: where(i) }) });
      }
    });
    ourMs += t.wallMs;
  }
  base.close();
  const created = { wallMs: ourMs };
  const attached = await timed(() => {
    for (let i = 0; i < count; i++)
      bus.emit('hit', { phase: 'start', hit: hit(`d-${i}`, { zoneId: `z-${i}`, location: where(i) }) });
  });
  const kpi = await timed(() =>
    computeKpis(
      loadKpiCases(store.db, T0, T0 + 86_400_000),
      { from: T0, to: T0 + 86_400_000, now: T0 + 86_400_000 },
      (a, b) => mod.service.catalog.workingHoursBetween(a, b),
    ),
  );
  const cases = store.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  await mod.stop();
  await store.stop();

  const perSec = (ms: number): number => (count / ms) * 1000;
  line('hits → new automatic cases', perSec(created.wallMs), 'cases/s');
  line('bare baseline (same rows, raw better-sqlite3)', perSec(baseMs), 'cases/s');
  line('duplicate hits attached to open cases', perSec(attached.wallMs), 'hits/s');
  line(`KPIs over ${kpi.result.total.registered} cases (load + compute)`, kpi.wallMs, 'ms');
  line('cases in the store', cases);
  return {
    count,
    casesPerSec: Math.round(perSec(created.wallMs)),
    baselinePerSec: Math.round(perSec(baseMs)),
    ratio: Number((perSec(created.wallMs) / perSec(baseMs)).toFixed(3)),
    attachPerSec: Math.round(perSec(attached.wallMs)),
    kpiMs: Math.round(kpi.wallMs),
  };
}
