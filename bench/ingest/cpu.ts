/** CPU and memory of this process and its ffmpeg children, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuUsage, memoryUsage } from 'node:process';

const TICK_MS = 10; // CLK_TCK = 100 on Linux

interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** utime + stime, ms. */
  readonly cpuMs: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    return { pid, comm, ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** Live children of `ppid` named `comm`. */
export function children(ppid: number, comm: string): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s && s.ppid === ppid && s.comm === comm) out.push(s);
  }
  return out;
}

/**
 * CPU used between start() and stop() by this process and by its `comm` children (including children that exited
 * meanwhile only up to their last sample: sample() often).
 */
export class CpuMeter {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private self = cpuUsage();
  private t0 = performance.now();

  constructor(private readonly comm: string) {}

  start(): void {
    this.base.clear();
    this.last.clear();
    for (const c of children(process.pid, this.comm)) this.base.set(c.pid, c.cpuMs);
    this.self = cpuUsage();
    this.t0 = performance.now();
  }

  sample(): void {
    for (const c of children(process.pid, this.comm)) {
      if (!this.base.has(c.pid)) this.base.set(c.pid, c.cpuMs);
      this.last.set(c.pid, c.cpuMs);
    }
  }

  /** Cores used on average since start(): by the children, and by this process. */
  cores(): { readonly children: number; readonly self: number; readonly wallMs: number } {
    this.sample();
    const wallMs = performance.now() - this.t0;
    let kids = 0;
    for (const [pid, ms] of this.last) kids += ms - (this.base.get(pid) ?? ms);
    const s = cpuUsage(this.self);
    return { children: kids / wallMs, self: (s.user + s.system) / 1000 / wallMs, wallMs };
  }
}

/** CPU cores another process (e.g. the RTSP test server) used over `fn`. */
export async function processCores<T>(
  pid: number | undefined,
  fn: () => Promise<T>,
): Promise<{ result: T; cores: number }> {
  const before = pid === undefined ? undefined : stat(pid);
  const t0 = performance.now();
  const result = await fn();
  const after = pid === undefined ? undefined : stat(pid);
  return { result, cores: before && after ? (after.cpuMs - before.cpuMs) / (performance.now() - t0) : 0 };
}

export function heapMiB(): number {
  return memoryUsage().heapUsed / 1024 / 1024;
}
