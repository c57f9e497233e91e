/** The attack suite's summary: attacks tried and refused, fuzzed inputs, memory, health latency under load. */
import type { Figure } from './figures.ts';

export interface Summary {
  readonly attacks: number;
  readonly refused: number;
  readonly notRefused: readonly string[];
  readonly fuzzed: number;
  readonly memory: readonly Extract<Figure, { kind: 'memory' }>[];
  readonly latency: readonly Extract<Figure, { kind: 'latency' }>[];
}

export function summarize(figures: readonly Figure[]): { text: string; json: Summary } {
  const attacks = figures.filter((f) => f.kind === 'attack');
  const json: Summary = {
    attacks: attacks.length,
    refused: attacks.filter((a) => a.refused).length,
    notRefused: attacks.filter((a) => !a.refused).map((a) => `${a.file}: ${a.name}`),
    fuzzed: figures.reduce((n, f) => n + (f.kind === 'fuzz' ? f.n : 0), 0),
    memory: figures.filter((f) => f.kind === 'memory'),
    latency: figures.filter((f) => f.kind === 'latency'),
  };
  const lines = [
    '── attack suite figures ──',
    `attacks tried: ${json.attacks}, refused: ${json.refused}`,
    ...json.notRefused.map((n) => `  NOT refused: ${n}`),
    `fuzzed inputs tried: ${json.fuzzed}`,
    ...json.memory.map(
      (m) =>
        `memory ${m.name}: RSS ${m.beforeMb.toFixed(0)} MB before → ${m.afterMb.toFixed(0)} MB after ` +
        `(peak ${m.peakMb.toFixed(0)} MB, growth ${(m.peakMb - m.beforeMb).toFixed(0)} MB)`,
    ),
    ...json.latency.map(
      (l) =>
        `/api/health under ${l.name}: p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms ` +
        `(${l.n} samples${l.failed ? `, ${l.failed} failed` : ''})`,
    ),
  ];
  return { text: lines.join('\n'), json };
}
