import { describe, expect, it } from 'vitest';
import { initialSequence, RECENT_WINDOW, sequence, type SequenceState, type SequenceVerdict } from './sequence.ts';

function run(tss: readonly number[], start: SequenceState = initialSequence()): SequenceVerdict[] {
  let s = start;
  return tss.map((ts) => {
    const r = sequence(s, ts);
    s = r.state;
    return r.verdict;
  });
}

describe('sequence (timelines)', () => {
  it('in order, late, duplicates of the newest and of a late fix', () => {
    expect(run([10, 20, 15, 20, 15, 30, 25, 40])).toEqual([
      'in-order',
      'in-order',
      'late',
      'duplicate',
      'duplicate',
      'in-order',
      'late',
      'in-order',
    ]);
  });

  it('a restart seeded with the last stored ts flags older redeliveries late and the last one duplicate', () => {
    expect(run([90, 100, 110], initialSequence(100))).toEqual(['late', 'duplicate', 'in-order']);
  });

  it('remembers a bounded window of recent ts', () => {
    const many = Array.from({ length: RECENT_WINDOW + 10 }, (_, i) => i + 1);
    let s = initialSequence();
    for (const ts of many) s = sequence(s, ts).state;
    expect(s.recent).toHaveLength(RECENT_WINDOW);
    expect(sequence(s, 1).verdict).toBe('late');
    expect(sequence(s, RECENT_WINDOW + 10).verdict).toBe('duplicate');
  });
});
