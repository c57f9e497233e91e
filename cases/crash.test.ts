/**
 * Crash safety: kill -9 the process during a burst of automatic cases; after a restart that replays every hit,
 * no case is lost, none is duplicated, none is half-made, and the database passes PRAGMA integrity_check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, sqliteOf, type Db } from '../kernel/db.ts';
import { repoRoot, tempDir } from '../kernel/testing.ts';
import { casesMigrations } from './migrations.ts';

const COUNT = 1500;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/**
 * Start the child; resolve with the acknowledged hits when it exits or when `killAfter` acks arrived (then kill -9).
 */
function burst(
  dataDir: string,
  killAfter?: number,
): Promise<{ acked: number; done: boolean; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'cases', 'crash-child.ts'), dataDir, String(COUNT)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let acked = -1;
    let done = false;
    let buf = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        if (l === 'done') done = true;
        else if (l.startsWith('ok ')) acked = Math.max(acked, Number(l.slice(3)));
      }
      if (killAfter !== undefined && acked >= killAfter && child.signalCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ acked, done, signal, stderr }));
  });
}

function check(db: Db): { cases: number; refs: Set<string>; halfMade: number; ids: string[] } {
  expect(sqliteOf(db)?.pragma('integrity_check', { simple: true })).toBe('ok');
  const ids = db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[];
  const refs = db.prepare('SELECT ref FROM case_refs').pluck().all() as string[];
  // Half-made: a case whose stored status is not its last audited status, or without its three audit rows.
  const halfMade = db
    .prepare(
      `SELECT count(*) FROM cases c
         WHERE c.status IS NOT (SELECT to_status FROM case_events e WHERE e.case_id = c.id ORDER BY seq DESC LIMIT 1)
         OR (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) <> 3
         OR (SELECT count(*) FROM case_refs r WHERE r.case_id = c.id) <> 1`,
    )
    .pluck()
    .get() as number;
  return { cases: ids.length, refs: new Set(refs), halfMade, ids };
}

describe('crash safety', () => {
  it('survives kill -9 mid-burst: nothing acknowledged is lost, nothing duplicated after the replay', async () => {
    const dataDir = tempDir('gw-crash-');
    const first = await burst(dataDir, 400);
    expect(first.signal, first.stderr).toBe('SIGKILL');
    expect(first.done).toBe(false);
    const file = path.join(dataDir, 'gridwatch.db');

    let db = openDatabase(file, casesMigrations);
    const afterKill = check(db);
    db.close();
    expect(afterKill.halfMade).toBe(0);
    for (let i = 0; i <= first.acked; i++)
      expect(afterKill.refs.has(`hit:burst-${i}`), `hit ${i} was acknowledged`).toBe(true);
    expect(afterKill.cases).toBeLessThan(COUNT);

    const second = await burst(dataDir); // replays every hit from the start
    expect(second.done, second.stderr).toBe(true);
    db = openDatabase(file, casesMigrations);
    const final = check(db);
    db.close();
    expect(final.halfMade).toBe(0);
    expect(final.cases).toBe(COUNT);
    expect(final.refs.size).toBe(COUNT);
    // Ids run 00001…01500 without a gap: an interrupted transaction used no number.
    expect(final.ids[0]).toBe('2026112300001');
    expect(final.ids.at(-1)).toBe(`20261123${String(COUNT).padStart(5, '0')}`);
  }, 120_000); // two child processes writing 1900 cases (with the search index): ~20 s alone, more on a loaded machine
});
