/** What the pipeline remembers per vehicle between messages: order, jump filter, previous fix. */
import type { Position } from '../kernel/types/index.ts';
import { initialJumps, type JumpState } from './jumps.ts';
import { initialSequence, type SequenceState } from './sequence.ts';

export interface VehicleState {
  seq: SequenceState;
  jumps: JumpState;
  prev: Position | undefined;
}

export class VehicleStates {
  private readonly map = new Map<string, VehicleState>();

  get(id: string): VehicleState {
    let v = this.map.get(id);
    if (!v) {
      v = { seq: initialSequence(), jumps: initialJumps, prev: undefined };
      this.map.set(id, v);
    }
    return v;
  }

  /** After a restart: continue from the last stored fix of each vehicle (late flags and jumps stay right). */
  seed(last: readonly Position[]): void {
    for (const p of last) {
      this.map.set(p.vehicleId, {
        seq: initialSequence(p.ts),
        jumps: { last: { ts: p.ts, lat: p.lat, lon: p.lon }, suspects: [] },
        prev: p,
      });
    }
  }
}
