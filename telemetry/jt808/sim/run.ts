/** `gridwatch jt808-sim`: replay a trace as one JT/T 808 terminal over TCP. */
import { SingleBar } from 'cli-progress';
import { phoneKey, type Jt808WorkBit } from '../../../kernel/config/jt808.ts';
import { loadConfigFile } from '../../../kernel/config/load.ts';
import { InputError } from '../../../kernel/errors.ts';
import { planReplay } from '../../replay/plan.ts';
import { parseIsoTime, readTrace } from '../../trace/index.ts';
import { terminalFixes } from './plan.ts';
import { SimTerminal, type TerminalStats } from './terminal.ts';

export interface SimArgs {
  readonly trace: string;
  readonly phone: string;
  readonly host?: string;
  readonly port?: string;
  readonly version?: string;
  readonly batch?: string;
  readonly speedup?: string;
  readonly vehicle?: string;
  readonly config?: string;
  readonly authCode?: string;
  readonly start?: string;
  readonly tz?: string;
  readonly keepTime?: boolean;
  readonly backfill?: boolean;
  readonly endAt?: string;
  readonly work?: boolean;
  readonly workBit?: string;
  readonly heartbeat?: string;
  readonly progress?: boolean;
}

export interface SimResult extends TerminalStats {
  readonly sent: number;
  readonly seconds: number;
  readonly target: string;
}

const num = (v: string | undefined, flag: string, def: number, ok: (n: number) => boolean): number => {
  if (v === undefined) return def;
  const n = Number(v);
  if (!ok(n)) throw new InputError(`${flag}: "${v}" is not valid`);
  return n;
};

function parseWorkBit(s: string): Jt808WorkBit {
  const m = /^(status|io|signal):(\d{1,2})$/.exec(s);
  if (!m || Number(m[2]) > 31)
    throw new InputError(`--work-bit must be status:N, io:N or signal:N (N 0–31), got "${s}"`);
  return { source: m[1] as Jt808WorkBit['source'], bit: Number(m[2]), activeWhen: 1 };
}

/** Host, port, vehicle and work bit: flags first, then the terminal's entry in --config. */
function target(a: SimArgs): { host: string; port: number; vehicle?: string; work?: Jt808WorkBit } {
  let host = '127.0.0.1';
  let port = 6808;
  let vehicle: string | undefined;
  let work: Jt808WorkBit | undefined;
  if (a.config) {
    const j = loadConfigFile(a.config).config.jt808;
    if (!j) throw new InputError(`${a.config} has no jt808 section`);
    host = j.host === '0.0.0.0' ? '127.0.0.1' : j.host;
    port = j.port;
    const t = j.terminals.find((x) => phoneKey(x.phone) === phoneKey(a.phone));
    vehicle = t?.vehicle;
    work = t?.work ?? j.work;
  }
  if (a.workBit) work = parseWorkBit(a.workBit);
  if (a.work && !work) throw new InputError('--work needs the work bit: --work-bit, or --config with jt808 work');
  const p = num(a.port, '--port', port, (n) => Number.isInteger(n) && n > 0 && n < 65536);
  return {
    host: a.host ?? host,
    port: p,
    ...((a.vehicle ?? vehicle) ? { vehicle: a.vehicle ?? vehicle } : {}),
    ...(work ? { work } : {}),
  };
}

export async function runSim(a: SimArgs, out: NodeJS.WritableStream = process.stderr): Promise<SimResult> {
  if (!/^\d{1,20}$/.test(a.phone)) throw new InputError(`--phone must be 1–20 digits, got "${a.phone}"`);
  const edition = num(a.version, '--version', 2013, (n) => n === 2013 || n === 2019) as 2013 | 2019;
  if (edition === 2013 && a.phone.length > 12)
    throw new InputError('--phone has more than 12 digits: use --version 2019');
  const batch = num(a.batch, '--batch', 1, (n) => Number.isInteger(n) && n >= 1 && n <= 200);
  const speedup = num(a.speedup, '--speedup', 1, (n) => n > 0 && Number.isFinite(n));
  const heartbeatMs = num(a.heartbeat, '--heartbeat', 30, (n) => n >= 1) * 1000;
  if ([a.keepTime, a.backfill, a.endAt !== undefined].filter(Boolean).length > 1)
    throw new InputError('--keep-time, --backfill and --end-at exclude each other');
  const endAt = a.endAt === undefined ? undefined : parseIsoTime(a.endAt);
  if (endAt === null) throw new InputError(`--end-at must be an ISO 8601 time, got "${a.endAt}"`);
  const start = a.start === undefined ? undefined : parseIsoTime(a.start);
  if (start === null) throw new InputError(`--start must be an ISO 8601 time, got "${a.start}"`);
  const t = target(a);
  const trace = readTrace(a.trace, { ...(start !== undefined ? { start } : {}), ...(a.tz ? { tz: a.tz } : {}) });
  const plan = planReplay(trace, a.trace, {
    ...(t.vehicle ? { vehicle: t.vehicle } : {}),
    speedup,
    ...(a.keepTime ? {} : a.backfill || endAt !== undefined ? { endAt: endAt ?? Date.now() } : { shiftTo: Date.now() }),
  });
  const ids = new Set(plan.map((f) => f.vehicleId));
  if (ids.size > 1) throw new InputError(`${a.trace} holds ${[...ids].join(', ')}: choose one with --vehicle`);
  const fixes = terminalFixes(plan, t.work ? { bit: t.work, on: a.work === true } : undefined);
  const term = new SimTerminal({
    host: t.host,
    port: t.port,
    phone: a.phone,
    edition,
    batch,
    heartbeatMs,
    ...(a.authCode ? { authCode: a.authCode } : {}),
  });
  const bar = new SingleBar({
    format: 'jt808-sim [{bar}] {value}/{total} acknowledged | {target}',
    stream: out,
    noTTYOutput: a.progress === true,
    notTTYSchedule: 2000,
  });
  const started = performance.now();
  await term.start();
  bar.start(fixes.length, 0, { target: `${t.host}:${t.port}` });
  const timer = setInterval(() => bar.update(term.stats.delivered), 250);
  try {
    await replay(term, fixes, batch, started);
    await term.idle();
    await term.stop();
  } finally {
    clearInterval(timer);
    bar.update(term.stats.delivered);
    bar.stop();
  }
  return {
    ...term.stats,
    sent: fixes.length,
    seconds: (performance.now() - started) / 1000,
    target: `${t.host}:${t.port}`,
  };
}

/** Each fix when due; with batches, K due fixes at a time (the rest at the end). */
export async function replay(
  term: SimTerminal,
  fixes: ReturnType<typeof terminalFixes>,
  batch: number,
  started: number,
): Promise<void> {
  let held: (typeof fixes)[number]['location'][] = [];
  for (const f of fixes) {
    const wait = f.dueMs - (performance.now() - started);
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    held.push(f.location);
    if (held.length >= batch) {
      term.send(held);
      held = [];
    }
  }
  if (held.length) term.send(held);
}
