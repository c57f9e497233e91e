/**
 * For the `db copy` tests: a pilot's main database made by the real code on SQLite (automatic cases with their
 * timelines, refs and evidence, a vehicle case, verdicts and a mask, users, a login session, an api key, audit
 * entries, alerts, inbox notices, saved route reports, a recording index), and how to read it all back through the
 * repositories, so a copy can be compared with its source on any backend.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AlertCenter } from '../dashboard/alerts.ts';
import { AuditLog } from '../dashboard/admin/audit.ts';
import { SessionStore } from '../dashboard/sessions.ts';
import { ApiKeyStore } from '../cases/apikeys.ts';
import { fixtureConfig, hit, violation } from '../cases/fixture.ts';
import { Inbox } from '../cases/inbox/inbox.ts';
import { CasesModule } from '../cases/module.ts';
import { CaseRepo } from '../cases/repo.ts';
import { UserStore } from '../cases/users.ts';
import { VerdictRepo } from '../cases/verdicts/repo.ts';
import { RecordingIndex } from '../ingest/recording/index-store.ts';
import { EventBus } from '../kernel/bus.ts';
import { ManualClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import type { Db } from '../kernel/db.ts';
import { silentLogger } from '../kernel/log.ts';
import { MainStore } from '../kernel/store.ts';
import { mainMigrations } from '../main-migrations.ts';
import { DayReportStore } from '../telemetry/route/report-store.ts';

export const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const op = { id: 'op', role: 'operator' } as const;

export interface Pilot {
  /** The SQLite file. */
  readonly file: string;
  /** The login session's cookie token and the api key, which only their hashes in the database can check. */
  readonly sessionToken: string;
  readonly apiKey: string;
  readonly hits: readonly string[];
}

/** Make a pilot in `dataDir` (its main database is `dataDir/gridwatch.db`). */
export async function makePilot(dataDir: string, cases = 30): Promise<Pilot> {
  const clock = new ManualClock(T0);
  const log = silentLogger();
  const bus = new EventBus(log);
  const config = fixtureConfig(dataDir);
  const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock, startedAt: T0 };
  const store = MainStore.inDataDir(dataDir, mainMigrations);
  await store.start();
  const mod = new CasesModule(ctx, store);
  await mod.start();
  const alerts = new AlertCenter({ bus, db: () => store.db, clock, log });
  await alerts.start();
  const hits: string[] = [];
  for (let i = 0; i < cases; i++) {
    clock.advance(60_000);
    const id = `h${i}`;
    hits.push(id);
    const where = { lat: 34.0005 + (i % 10) * 0.001, lon: 118.0005 + Math.floor(i / 10) * 0.001 };
    bus.emit('hit', { phase: 'start', hit: hit(id, { start: clock.now(), zoneId: `z-${i}`, location: where }) });
  }
  clock.advance(60_000); // a repeat of h0's problem: attached to its case as more evidence
  bus.emit('hit', { phase: 'start', hit: hit('h0-again', { start: clock.now(), zoneId: 'z-0' }) });
  clock.advance(60_000);
  bus.emit('violation', { phase: 'start', violation: violation('v1', { start: clock.now() }) });
  clock.advance(60_000);
  const must = (what: string, r: { ok: boolean }): void => {
    if (!r.ok) throw new Error(`pilot: ${what} refused: ${JSON.stringify(r)}`);
  };
  must('误报', mod.verdicts.judgeHit('h1', { verdict: 'false', reason: 'wrong-object', note: '是垃圾桶' }, op));
  must('确认', mod.verdicts.judgeHit('h2', { verdict: 'confirmed', note: '确有占道' }, op));
  const caseOfH3 = new CaseRepo(store.db).caseIdByRef('hit:h3') as string;
  const handler = { id: 'h-sq', role: 'handler', unit: 'squad' } as const;
  must('签收', mod.service.act(caseOfH3, { action: 'accept' }, handler));
  must('处置', mod.service.act(caseOfH3, { action: 'handle', reason: '已劝离' }, handler));
  const { key } = new ApiKeyStore(store.db, () => clock.now()).add('12345 市民热线');
  const sessions = new SessionStore(() => store.db, 3_600_000, clock);
  const stamp = new UserStore(store.db).current('op')?.stamp ?? '';
  const { token } = sessions.create({ username: 'op', role: 'operator' }, stamp);
  const audit = new AuditLog(
    () => store.db,
    () => clock.now(),
  );
  audit.record({ kind: 'login', action: 'login', actor: 'op', role: 'operator', ip: '127.0.0.1', status: 200 });
  audit.record({ kind: 'admin', action: 'user.add', actor: 'admin', target: '张伟', detail: { password: 'x' } });
  new DayReportStore(store.db).save(
    [
      {
        vehicleId: 'S-4',
        planId: 'p1',
        day: '2026-11-23',
        fixes: 812,
        distanceM: 20_345.5,
        workingM: 18_000,
        workingS: 7200,
        inBandS: 6900.5,
        coverage: 0.91,
        meanPasses: 1.4,
        windows: [],
        violations: { 'off-route': 1 },
      },
    ],
    clock.now(),
    [{ vehicleId: 'S-4', tick: clock.now(), fix: clock.now() - 1500 }],
  );
  const index = new RecordingIndex(store.db);
  index.since('cam-1', T0);
  index.sync('cam-1', [
    { cameraId: 'cam-1', file: 'cam-1/1795000000.ts', start: T0, end: T0 + 60_000, bytes: 1_048_576 },
    { cameraId: 'cam-1', file: 'cam-1/1795000060.ts', start: T0 + 60_000, end: T0 + 120_000, bytes: 998_001 },
  ]);
  index.pruned('cam-1', T0 - 1000);
  await alerts.stop();
  await mod.stop();
  await store.stop();
  return { file: path.join(dataDir, 'gridwatch.db'), sessionToken: token, apiKey: key, hits };
}

/** Everything of a pilot read back through the repositories (the same calls on either backend). */
export function readBack(db: Db, pilot: Pilot): Record<string, unknown> {
  const repo = new CaseRepo(db);
  const verdicts = new VerdictRepo(db);
  const ids = db.prepare('SELECT id FROM cases ORDER BY created_at, id').pluck().all() as string[];
  const users = new UserStore(db);
  const clock = new ManualClock(T0 + 3_600_000);
  return {
    cases: ids.map((id) => ({ case: repo.get(id), timeline: repo.timeline(id) })),
    refs: pilot.hits.map((h) => repo.caseIdByRef(`hit:${h}`)),
    hits: pilot.hits.map((h) => ({ hit: verdicts.hit(h), verdicts: verdicts.verdictsOfHit(h) })),
    masks: verdicts.masks({ cameraId: 'cam-1' }).map((m) => ({ mask: m, events: verdicts.maskEvents(m.id) })),
    users: users.list(),
    current: users.current('op'),
    apiKeys: new ApiKeyStore(db).list(),
    // by id without touching it (reading back changes nothing)
    session: new SessionStore(
      () => db,
      7_200_000,
      clock,
      () => (u) => users.current(u),
    ).getById(createHash('sha256').update(pilot.sessionToken).digest('hex'), false),
    audit: new AuditLog(
      () => db,
      () => 0,
    ).search(),
    alerts: new AlertCenter({ bus: new EventBus(), db: () => db, clock, log: silentLogger() }).list({ limit: 1000 }),
    notices: ['h-sq', 'h-san'].map((u) => new Inbox(db).list(u)),
    reports: new DayReportStore(db).load(),
    marks: [...new DayReportStore(db).marks()],
    recordings: {
      segments: new RecordingIndex(db).segments('cam-1'),
      since: new RecordingIndex(db).since('cam-1', 0),
      prunedTo: new RecordingIndex(db).prunedTo('cam-1'),
      usage: new RecordingIndex(db).usage('cam-1'),
    },
  };
}
