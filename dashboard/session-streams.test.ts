import { describe, expect, it } from 'vitest';
import { SessionStreams } from './session-streams.ts';

describe('SessionStreams', () => {
  it('caps streams per session, frees a place when one closes, and closes them all when the session ends', () => {
    const s = new SessionStreams(2, () => true);
    const closed: string[] = [];
    const a = s.add('s1', () => closed.push('a'));
    const b = s.add('s1', () => closed.push('b'));
    expect(s.add('s1', () => closed.push('c'))).toBeUndefined();
    expect(s.add('s2', () => closed.push('d'))).toBeDefined();
    a?.();
    expect(s.add('s1', () => closed.push('e'))).toBeDefined();
    s.ended('s1');
    expect(closed.sort()).toEqual(['b', 'e']);
    expect(s.size).toBe(1);
    b?.(); // releasing after the end is harmless
    expect(s.size).toBe(1);
  });
});
