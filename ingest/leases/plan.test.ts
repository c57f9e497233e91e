import { describe, expect, it } from 'vitest';
import type { Lease } from '../../kernel/cluster/leases.ts';
import { planRound, type PlanInput } from './plan.ts';

const NOW = 1_000_000;
const lease = (cam: string, nodeId: string, expiresAt: number): [string, Lease] => [
  cam,
  { name: `camera:${cam}`, nodeId, generation: 1, expiresAt, acquiredAt: 0 },
];
const input = (over: Partial<PlanInput>): PlanInput => ({
  nodeId: 'a',
  cameras: ['c1', 'c2', 'c3', 'c4', 'c5'],
  leases: new Map(),
  held: new Set(),
  live: new Set(['a']),
  maxCameras: 100,
  leaseMs: 15_000,
  since: NOW,
  shedding: false,
  now: NOW,
  ...over,
});

describe('planRound', () => {
  it('fair share = ceil(cameras / live nodes); claims only cameras free now, never one held elsewhere', () => {
    const p = planRound(
      input({
        live: new Set(['a', 'b']),
        held: new Set(['c1']),
        leases: new Map([lease('c1', 'a', NOW + 5), lease('c2', 'b', NOW + 5), lease('c3', 'b', NOW)]),
      }),
    );
    expect(p.fair).toBe(3);
    expect([...p.claim].sort()).toEqual(['c3', 'c4', 'c5']); // c3 expired right now
    expect(p.claimLongFree).toEqual([]); // nothing has been free for a whole lease yet
  });

  it('cameras free for a whole lease (or never leased since this node started) are offered beyond the share', () => {
    const p = planRound(
      input({ since: NOW - 15_000, leases: new Map([lease('c1', 'b', NOW - 15_000), lease('c2', 'b', NOW - 1)]) }),
    );
    expect([...p.claimLongFree].sort()).toEqual(['c1', 'c3', 'c4', 'c5']);
  });

  it('gives one camera up only while shedding, nothing is free and a peer holds less than its share', () => {
    const mine = ['c1', 'c2', 'c3', 'c4'];
    const leases = new Map([...mine.map((c) => lease(c, 'a', NOW + 5)), lease('c5', 'b', NOW + 5)]);
    const base = { held: new Set(mine), live: new Set(['a', 'b']), leases };
    expect(planRound(input({ ...base, shedding: true }))).toMatchObject({ fair: 3, shed: 'c4', shedding: false });
    expect(planRound(input({ ...base, shedding: false })).shed).toBeUndefined();
    const busy = new Map([...leases, lease('c5', 'b', NOW - 1)]); // c5 free: the peer has not taken it
    expect(planRound(input({ ...base, leases: busy, shedding: true })).shed).toBeUndefined();
  });
});
