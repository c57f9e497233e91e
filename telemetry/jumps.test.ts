import { describe, expect, it } from 'vitest';
import { filterJump, initialJumps, type JumpPoint, type JumpState } from './jumps.ts';

const p = { maxJumpKmh: 250, toleranceM: 100, confirm: 3 };
/** Points along a meridian: `km` north of 40°N, at `s` seconds. */
const at = (s: number, km: number): JumpPoint => ({ ts: s * 1000, lat: 40 + km / 111.195, lon: -74 });

function run(points: readonly (readonly [JumpPoint, boolean])[], start: JumpState = initialJumps): boolean[] {
  let s = start;
  return points.map(([pt, late]) => {
    const r = filterJump(s, pt, late, p);
    s = r.state;
    return r.accept;
  });
}

describe('filterJump (timelines)', () => {
  it('drops a single spike and keeps going from the last good fix', () => {
    // 10 s apart: 0.05 km is 18 km/h; 5 km in 10 s is 1800 km/h.
    expect(
      run([
        [at(0, 0), false],
        [at(10, 0.05), false],
        [at(20, 5), false],
        [at(30, 0.1), false],
      ]),
    ).toEqual([true, true, false, true]);
  });

  it('noise within the tolerance is never a jump, even at dt = 0', () => {
    expect(
      run([
        [at(0, 0), false],
        [at(0, 0.09), false],
      ]),
    ).toEqual([true, true]);
  });

  it('re-acquires a vehicle that really moved after 3 agreeing fixes', () => {
    const far = [at(60, 50), at(70, 50.05), at(80, 50.1), at(90, 50.15)];
    expect(run([[at(0, 0), false], ...far.map((f) => [f, false] as const)])).toEqual([true, false, false, true, true]);
  });

  it('a long gap makes a big move plausible', () => {
    expect(
      run([
        [at(0, 0), false],
        [at(3600, 100), false],
      ]),
    ).toEqual([true, true]);
  });

  it('late fixes are checked but do not move the reference', () => {
    expect(
      run([
        [at(0, 0), false],
        [at(100, 1), false],
        [at(50, 40), true],
        [at(50, 0.5), true],
        [at(110, 1.05), false],
      ]),
    ).toEqual([true, true, false, true, true]);
  });
});
