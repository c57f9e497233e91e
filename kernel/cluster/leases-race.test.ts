/**
 * Real concurrency: three processes ("nodes") hammer the same four leases in one database at once (an SQLite file; a
 * PostgreSQL database, each process its own connection), with leases of 5–20 ms taken, renewed and released
 * thousands of times. Every hold each process was granted is checked afterwards: no two nodes ever held the same
 * lease at the same moment, and the generation went up exactly when the holder changed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, openPostgres } from '../db.ts';
import { repoRoot, tempDir } from '../testing.ts';
import { describeBackends } from '../testing/backends.ts';
import { clusterMigrations } from './migrations.ts';

interface Hold {
  name: string;
  node: string;
  generation: number;
  from: number;
  to: number;
}
type Line = Hold | { name: string; node: string; released: number };

function runNode(db: string, node: string, ms: number): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'kernel/cluster/race-child.ts'), db, node, String(ms)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(
            out
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((l) => JSON.parse(l) as Line),
          )
        : reject(new Error(`node ${node} exited ${code}: ${err}`)),
    );
  });
}

/**
 * Holds per lease with releases applied: a release ends the node's lease, i.e. every hold (take or renewal) it was
 * granted before on that lease ends at the release at the latest.
 */
function holdsOf(lines: readonly Line[]): Map<string, Hold[]> {
  const out = new Map<string, Hold[]>();
  const mine = new Map<string, Hold[]>();
  for (const l of lines) {
    const key = `${l.name}\u0000${l.node}`;
    if ('released' in l) {
      for (const h of mine.get(key) ?? []) h.to = Math.min(h.to, l.released);
      continue;
    }
    const h = { ...l };
    if (!mine.has(key)) mine.set(key, []);
    if (!out.has(l.name)) out.set(l.name, []);
    mine.get(key)?.push(h);
    out.get(l.name)?.push(h);
  }
  return out;
}

/** The first violation found: two nodes holding at once, or a generation that did not follow the holder. */
function violation(holds: readonly Hold[]): string | undefined {
  const sorted = [...holds].sort((a, b) => a.from - b.from || a.generation - b.generation);
  const maxTo = new Map<string, number>();
  let prev: Hold | undefined;
  for (const h of sorted) {
    for (const [node, to] of maxTo)
      if (node !== h.node && to > h.from) return `${h.name}: ${h.node} took it at ${h.from}, ${node} held it to ${to}`;
    maxTo.set(h.node, Math.max(maxTo.get(h.node) ?? 0, h.to));
    if (prev && prev.node !== h.node && !(h.generation > prev.generation))
      return `${h.name}: generation ${h.generation} after ${prev.node}'s ${prev.generation}`;
    if (prev && prev.node === h.node && h.generation !== prev.generation)
      return `${h.name}: ${h.node} renewed with generation ${h.generation} after ${prev.generation}`;
    prev = h;
  }
  return undefined;
}

describeBackends('leases under real concurrency (three processes, one database)', (_open, ctx) => {
  it('never two holders at once; generations follow the holder', async () => {
    let target = path.join(tempDir('gw-race-'), 'g.db');
    if (ctx.dialect === 'postgres') {
      target = String((ctx.database().database as { url: string }).url);
      openPostgres(target, clusterMigrations).close();
    } else openDatabase(target, clusterMigrations).close();
    const lines = (await Promise.all(['n1', 'n2', 'n3'].map((n) => runNode(target, n, 2000)))).flat();
    const holds = holdsOf(lines);
    expect([...holds.keys()].sort()).toEqual(['camera:a', 'camera:b', 'camera:c', 'leader:core']);
    for (const [, hs] of holds) {
      expect(violation(hs)).toBeUndefined();
      expect(new Set(hs.map((h) => h.node)).size).toBeGreaterThan(1); // they really competed
    }
  }, 60_000);
});

describe('the race checker', () => {
  it('the checker itself catches an overlap and a generation that did not move', () => {
    const h = (node: string, generation: number, from: number, to: number): Hold => ({
      name: 'x',
      node,
      generation,
      from,
      to,
    });
    expect(violation([h('a', 1, 0, 10), h('b', 2, 9, 20)])).toMatch(/b took it at 9, a held it to 10/);
    expect(violation([h('a', 1, 0, 10), h('b', 1, 10, 20)])).toMatch(/generation 1 after a's 1/);
    expect(violation([h('a', 1, 0, 10), h('b', 2, 10, 20), h('a', 3, 20, 30)])).toBeUndefined();
    const released = holdsOf([
      { ...h('a', 1, 0, 10) },
      { ...h('a', 1, 2, 12) }, // a renewal
      { name: 'x', node: 'a', released: 4 },
      { ...h('b', 2, 4, 14) },
    ]).get('x');
    expect(violation(released ?? [])).toBeUndefined();
  });
});
