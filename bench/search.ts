/**
 * Case search (cases/search.ts) over COUNT cases (default 100,000, written through the real schema and its index
 * triggers): the case list with a search term — case number, street (3+ characters), a 2-character word (the
 * unindexed instr() path), a plate through the configured names, a description word with a status filter, a street
 * with a date range — each a full page of 50 with the total, as the board asks. The bare baseline is the same page
 * without search, written directly with better-sqlite3 (indexed count + SELECT … ORDER BY created_at LIMIT 50),
 * measured in the same run; `ratio` = the slowest search's median ÷ the baseline's median. With `--db postgres` the
 * same cases go into a temporary PostgreSQL (kernel/testing/pg.ts; its search is strpos() over the documents, no
 * index) and both the searches and the baseline run there.
 *   npm run bench -- search [COUNT] [REPEATS] [--db sqlite|postgres]
 */
import { openDatabase, openPostgres, type Db } from '../kernel/db.ts';
import { tempDir } from '../kernel/testing.ts';
import { startTestPostgres, type TestPostgres } from '../kernel/testing/pg.ts';
import { listCases, type CaseFilter } from '../cases/list.ts';
import { casesMigrations } from '../cases/migrations.ts';
import type { NameExpander } from '../cases/search.ts';
import { line } from './report.ts';

const STREETS = [
  '龙岗大道',
  '爱联路',
  '龙福路',
  '龙城大道',
  '清林路',
  '吉祥路',
  '黄阁路',
  '五和大道',
  '布龙路',
  '坂雪岗大道',
];
const PROBLEMS = [
  ['01-02', '暴露垃圾', '路边堆放生活垃圾，未及时清运'],
  ['05-04', '店外经营', '商户占道摆放货物经营'],
  ['05-01', '无照经营游商', '流动摊贩在人行道售卖水果'],
  ['90-01', '作业偏离路线', '清扫车偏离规定路线'],
  ['01-05', '道路不洁', '路面有油污和泥沙'],
] as const;
const STATUSES = ['reported', 'registered', 'dispatched', 'handling', 'handled', 'closed'] as const;
const T0 = Date.parse('2026-01-01T08:00:00+08:00');
const MINUTE = 60_000;

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const caseId = (i: number): string => `2026${String(1 + (i % 300)).padStart(4, '0')}${String(i).padStart(5, '0')}`;
const plate = (i: number): string => `粤B·D${String(10000 + (i % 5000)).padStart(5, '0')}`;

function fill(count: number, db: Db): Db {
  const ins = db.prepare(
    'INSERT INTO cases (id, source, category, status, grid_cell, unit_id, camera_id, lat, lon, created_at, ' +
      'updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const [category, name, text] = pick(PROBLEMS, i);
      const street = pick(STREETS, Math.floor(i / 7));
      const vehicle = category === '90-01';
      const at = T0 + i * 3 * MINUTE;
      const c = {
        id: caseId(i),
        source: vehicle ? 'vehicle' : 'camera',
        category,
        status: pick(STATUSES, Math.floor(i / 3)),
        description: `${name}：${text}（${street}${(i % 90) + 1}号附近）`,
        address: `深圳市龙岗区${street}${(i % 90) + 1}号`,
        ...(vehicle ? { vehicleId: `V-${i % 5000}` } : { cameraId: `cam-${i % 400}` }),
        createdAt: at,
        updatedAt: at,
        evidence: [],
        sourceRefs: [],
      };
      ins.run(
        c.id,
        c.source,
        category,
        c.status,
        `440307${String(i % 900).padStart(3, '0')}`,
        `unit-${i % 12}`,
        vehicle ? null : `cam-${i % 400}`,
        22.7 + (i % 100) * 1e-4,
        114.2 + (i % 100) * 1e-4,
        at,
        at,
        JSON.stringify(c),
      );
    }
  });
  for (let i = 0; i < count; i += 5000) chunk(i, Math.min(count, i + 5000));
  return db;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(repeats: number, fn: () => number): { median: number; max: number; total: number } {
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    total = fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), max: Math.max(...times), total };
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const at = args.indexOf('--db');
  const backend = at >= 0 ? args[at + 1] : 'sqlite';
  if (backend !== 'sqlite' && backend !== 'postgres') throw new Error('--db: sqlite or postgres');
  const nums = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const count = Number(nums[0] ?? 100_000);
  const repeats = Number(nums[1] ?? 15);
  let server: TestPostgres | undefined;
  if (backend === 'postgres') server = await startTestPostgres();
  try {
    const db = server
      ? openPostgres(server.createDatabase(), casesMigrations)
      : openDatabase(process.env.BENCH_DB ?? `${tempDir('gw-bench-search-')}/cases.db`, casesMigrations);
    return { backend, ...run(db, count, repeats) };
  } finally {
    await server?.stop();
  }
}

function run(db: Db, count: number, repeats: number): Record<string, unknown> {
  const t0 = performance.now();
  fill(count, db);
  const fillS = (performance.now() - t0) / 1000;
  line('cases written (with index triggers)', count);
  line('write time', fillS, 's');
  const plates: NameExpander = (t) =>
    Array.from({ length: 5000 }, (_, i) => i)
      .filter((i) => plate(i).toLowerCase().replace('·', '').includes(t.replace('·', '')))
      .slice(0, 50)
      .map((i) => `|v=v-${i}|`);
  const now = T0 + count * 3 * MINUTE;
  const open = ['dispatched', 'handling'] as const;
  const queries: [string, CaseFilter][] = [
    ['case number', { q: caseId(Math.floor(count / 2)) }],
    ['street (4 chars)', { q: '龙福路' }],
    ['2-char word (instr path)', { q: '油污' }],
    ['plate via configured names', { q: plate(1233) }],
    ['description word + status', { q: '水果', status: [...open] }],
    ['street + date range', { q: '爱联路', from: T0 + 30 * 1440 * MINUTE, to: T0 + 90 * 1440 * MINUTE }],
    ['two terms', { q: '龙岗大道 垃圾' }],
  ];
  const baseCount = db.prepare('SELECT count(*) FROM cases WHERE status IN (?, ?)').pluck();
  const basePage = db.prepare(
    'SELECT data FROM cases WHERE status IN (?, ?) ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0',
  );
  const baseline = measure(repeats, () => {
    const n = baseCount.get(...open) as number;
    basePage.pluck().all(...open);
    return n;
  });
  line('baseline: bare indexed count + page (median)', baseline.median, 'ms');
  const figures: Record<string, number> = {};
  let worst = 0;
  let worstMax = 0;
  for (const [label, f] of queries) {
    const m = measure(repeats, () => listCases(db, { ...f, pageSize: 50 }, now, plates).total);
    line(`${label}: ${m.total} found, median`, m.median, 'ms');
    line(`${label}: slowest of ${repeats}`, m.max, 'ms');
    figures[label] = Math.round(m.median * 10) / 10;
    worst = Math.max(worst, m.median);
    worstMax = Math.max(worstMax, m.max);
  }
  db.close();
  return {
    cases: count,
    repeats,
    baselineMs: Math.round(baseline.median * 100) / 100,
    medianMs: figures,
    slowestMedianMs: Math.round(worst * 10) / 10,
    slowestSingleMs: Math.round(worstMax * 10) / 10,
    under300ms: worstMax < 300,
    ratio: Math.round((worst / baseline.median) * 100) / 100,
  };
}
