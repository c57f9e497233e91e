/** Small helpers every benchmark uses to measure and print. */
import { cpuUsage, memoryUsage } from 'node:process';

export function line(label: string, value: number | string, unit = ''): void {
  const v = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  process.stdout.write(`${label.padEnd(44)} ${v}${unit ? ` ${unit}` : ''}\n`);
}

export interface Timed<T> {
  readonly result: T;
  readonly wallMs: number;
  /** CPU time of this process (user + system) in ms. */
  readonly cpuMs: number;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const c = cpuUsage(c0);
  return { result, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Resident memory in MiB. */
export function rssMiB(): number {
  return memoryUsage().rss / 1024 / 1024;
}
