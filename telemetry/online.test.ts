import { describe, expect, it } from 'vitest';
import type { VehicleStatus } from '../kernel/types/index.ts';
import { onlineStep, unknownState, type OnlineEvent } from './online.ts';

function timeline(events: readonly OnlineEvent[]): (VehicleStatus | undefined)[] {
  let s = unknownState;
  return events.map((ev) => {
    const r = onlineStep('S-4', s, ev, { offlineAfterMs: 600_000 });
    s = r.state;
    return r.change;
  });
}

describe('online state machine (timelines)', () => {
  it('a fix brings it online; silence beyond the limit takes it offline once', () => {
    expect(
      timeline([
        { kind: 'fix', at: 1000 },
        { kind: 'fix', at: 2000 },
        { kind: 'tick', now: 600_000 },
        { kind: 'tick', now: 602_001 },
        { kind: 'tick', now: 700_000 },
      ]),
    ).toEqual([
      { vehicleId: 'S-4', online: true, ts: 1000, reason: 'position received' },
      undefined,
      undefined,
      { vehicleId: 'S-4', online: false, ts: 602_001, reason: 'silent for 600 s' },
      undefined,
    ]);
  });

  it('status reports and the last will switch it; a disconnect takes it offline', () => {
    const changes = timeline([
      { kind: 'report', online: true, at: 10, reason: 'status "online"' },
      { kind: 'report', online: false, at: 20, reason: 'status "offline"' },
      { kind: 'fix', at: 30 },
      { kind: 'disconnect', at: 40 },
      { kind: 'disconnect', at: 50 },
    ]);
    expect(changes.map((c) => c && [c.online, c.ts, c.reason])).toEqual([
      [true, 10, 'status "online"'],
      [false, 20, 'status "offline"'],
      [true, 30, 'position received'],
      [false, 40, 'disconnected from the broker'],
      undefined,
    ]);
  });

  it('a vehicle never seen stays offline on ticks', () => {
    expect(timeline([{ kind: 'tick', now: 10_000_000 }])).toEqual([undefined]);
  });
});
