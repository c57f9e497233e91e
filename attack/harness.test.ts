/** The harness's pure parts: config patching, latency percentiles, the summary. */
import { describe, expect, it } from 'vitest';
import { percentile, stats } from './latency.ts';
import { summarize } from './summary.ts';
import { deepMerge } from './target.ts';

describe('deepMerge', () => {
  it('merges objects key by key, replaces arrays and scalars, removes a key given null', () => {
    const base = { server: { port: 8080, host: 'h' }, cameras: [1, 2], log: { level: 'info' } };
    expect(deepMerge(base, { server: { port: 0 }, cameras: [3], log: null })).toEqual({
      server: { port: 0, host: 'h' },
      cameras: [3],
      log: undefined,
    });
  });
});

describe('latency stats', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 99, 100]);
    expect(stats([3, 1, 2], 1)).toEqual({ n: 3, p50: 2, p99: 3, max: 3, failed: 1 });
  });
});

describe('summarize', () => {
  it('counts attacks, names those not refused, adds fuzzed inputs, lists memory and latency', () => {
    const { json, text } = summarize([
      { kind: 'attack', file: 'a', name: 'x', refused: true },
      { kind: 'attack', file: 'a', name: 'y', refused: false },
      { kind: 'fuzz', file: 'a', name: 'f', n: 10 },
      { kind: 'fuzz', file: 'b', name: 'g', n: 5 },
      { kind: 'memory', file: 'a', name: 'm', beforeMb: 100, afterMb: 110, peakMb: 120 },
      { kind: 'latency', file: 'a', name: 'l', n: 20, p50: 2, p99: 9, max: 10, failed: 0 },
    ]);
    expect({ attacks: json.attacks, refused: json.refused, fuzzed: json.fuzzed }).toEqual({
      attacks: 2,
      refused: 1,
      fuzzed: 15,
    });
    expect(json.notRefused).toEqual(['a: y']);
    expect(text).toContain('growth 20 MB');
    expect(text).toContain('p50 2 ms, p99 9 ms');
  });
});
