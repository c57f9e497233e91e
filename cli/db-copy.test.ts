/**
 * `gridwatch db copy` as an operator runs it: a pilot's main database made by the real code on SQLite, copied through
 * the command line into a real PostgreSQL, then read back through the repositories on PostgreSQL equal to SQLite,
 * and live there (its login session, api key and ids go on). A second copy is refused unless forced; bad input exits
 * 1 naming what is wrong.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../dashboard/admin/audit.ts';
import { ApiKeyStore } from '../cases/apikeys.ts';
import { CaseRepo } from '../cases/repo.ts';
import { openDatabase, openPostgres, type Db } from '../kernel/db.ts';
import { runCli, tempDir } from '../kernel/testing.ts';
import { postgresMissing, startTestPostgres, type TestPostgres } from '../kernel/testing/pg.ts';
import { makePilot, readBack, T0, type Pilot } from './db-copy-pilot.ts';

const missing = postgresMissing();
const suite = missing ? describe.skip : describe;

suite(`gridwatch db copy into a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: TestPostgres;
  let pilot: Pilot;
  const open: Db[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    pilot = await makePilot(tempDir('gw-pilot-'));
  }, 120_000);
  afterAll(async () => {
    for (const db of open) db.close();
    await server?.stop();
  });
  const keep = (db: Db): Db => {
    open.push(db);
    return db;
  };

  it('copies every table, prints the counts, and the repositories read the same on PostgreSQL', async () => {
    const url = server.createDatabase();
    const r = await runCli(['db', 'copy', '--from', `sqlite:${pilot.file}`, '--to', url], 180_000);
    expect(r.stderr).not.toMatch(/gridwatch:/);
    expect(r.code).toBe(0);
    const line = (table: string): string[] =>
      (r.stdout.split('\n').find((l) => l.startsWith(`${table} `)) ?? '').trim().split(/\s+/);
    expect(line('cases').slice(0, 4)).toEqual(['cases', '31', '31', '31']);
    expect(line('case_events')[5]).toBe('ok');
    expect(line('users').slice(1, 4)).toEqual(['5', '5', '5']);
    expect(r.stdout).toMatch(/every table verified \(row count and checksum\)/);
    expect(r.stdout).not.toMatch(/MISMATCH/);

    const sqlite = keep(openDatabase(pilot.file));
    const pg = keep(openPostgres(url));
    const before = readBack(sqlite, pilot);
    expect(before.cases).toHaveLength(31);
    expect(before.session).toBeDefined();
    expect((before.hits as { verdicts: unknown[] }[]).filter((h) => h.verdicts.length > 0)).toHaveLength(2);
    expect(readBack(pg, pilot)).toEqual(before);

    // live on PostgreSQL: the api key checks, new ids follow the copied ones
    expect(new ApiKeyStore(pg).verify(pilot.apiKey)?.name).toBe('12345 市民热线');
    const audit = new AuditLog(
      () => pg,
      () => T0 + 7_200_000,
    );
    const lastId = audit.search().items[0]!.id;
    audit.record({ kind: 'other', action: 'after-copy' });
    expect(audit.search().items[0]).toMatchObject({ action: 'after-copy', id: lastId + 1 });
    const repo = new CaseRepo(pg);
    const [first] = before.cases as { case: { id: string } }[];
    const seqs = repo.timeline(first!.case.id).map((e) => e.seq);
    const seq = repo.appendEvent({ caseId: first!.case.id, ts: T0, actor: 'op', role: 'operator', action: 'note' });
    const maxSeq = Number(sqlite.prepare('SELECT MAX(seq) FROM case_events').pluck().get());
    expect(seq).toBe(maxSeq + 1);
    expect(seqs.every((s) => s < seq)).toBe(true);
  }, 240_000);

  it('refuses a target that holds data unless --force, which copies again to the same rows', async () => {
    const url = server.createDatabase();
    const args = ['db', 'copy', '--from', `sqlite:${pilot.file}`, '--to', url];
    expect((await runCli(args, 180_000)).code).toBe(0);
    const again = await runCli(args, 180_000);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the target is not empty \(.*cases: 31, .*users: 5.*\); give --force/);
    const forced = await runCli([...args, '--force', '--json'], 180_000);
    expect(forced.code).toBe(0);
    const report = JSON.parse(forced.stdout) as {
      ok: boolean;
      to: string;
      tables: { table: string; status: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.tables.find((t) => t.table === 'audit_log')?.status).toBe('ok');
    expect(report.to).toBe(url);
  }, 240_000);

  it('names what is wrong: a missing file, a file that is not a database, a wrong URL', async () => {
    const dir = tempDir('gw-copy-bad-');
    const url = server.createDatabase();
    const nope = await runCli(['db', 'copy', '--from', `sqlite:${path.join(dir, 'nope.db')}`, '--to', url]);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toMatch(/--from sqlite:.*nope\.db: no such file/);
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'not a database, just text\n'.repeat(100));
    const notDb = await runCli(['db', 'copy', '--from', `sqlite:${text}`, '--to', url]);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toMatch(/notes\.txt: cannot read it as SQLite/);
    const mysql = await runCli(['db', 'copy', '--from', `sqlite:${pilot.file}`, '--to', 'mysql://u:secret@db/x']);
    expect(mysql.code).toBe(1);
    expect(mysql.stderr).toMatch(/--to: expected sqlite:FILE or postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/);
    expect(mysql.stderr).not.toContain('secret');
  }, 180_000);
});
