/**
 * A trace as a JT/T 808 terminal would report it: the replay plan of `gridwatch replay` (telemetry/replay/plan.ts),
 * with speed and direction filled in as a terminal measures them (derived from the previous fix like the enrich
 * stage does, when the trace has none) and everything at the protocol's resolution (1e-6 degrees, 0.1 km/h, whole
 * degrees, whole seconds). The work flag, when asked for, is set in the configured status or IO bit.
 */
import type { Jt808WorkBit } from '../../../kernel/config/jt808.ts';
import type { Position } from '../../../kernel/types/index.ts';
import { enrich } from '../../enrich.ts';
import type { ReplayFix } from '../../replay/plan.ts';
import { type Location, STATUS } from '../location.ts';

export interface TerminalFix {
  readonly dueMs: number;
  readonly location: Location;
}

const q = (v: number, step: number): number => Math.round(v / step) * step;

export function terminalFixes(
  plan: readonly ReplayFix[],
  work?: { readonly bit: Jt808WorkBit; readonly on: boolean },
): TerminalFix[] {
  let prev: Position | undefined;
  const out: TerminalFix[] = [];
  for (const f of plan) {
    const p = f.payload;
    const ts = Math.floor(p.ts / 1000) * 1000;
    if (prev && ts <= prev.ts) continue; // same second: a terminal reports once
    const pos = enrich(prev, {
      vehicleId: f.vehicleId,
      ts,
      lat: Math.round(p.lat * 1e6) / 1e6,
      lon: Math.round(p.lon * 1e6) / 1e6,
      ...(p.speed_kmh !== undefined ? { speedKmh: p.speed_kmh } : {}),
      ...(p.heading !== undefined ? { heading: p.heading } : {}),
      receivedAt: ts,
      late: false,
    });
    prev = pos;
    let status: number = STATUS.acc | STATUS.positioned;
    let io: number | undefined;
    let signalBits: number | undefined;
    if (work) {
      const set = (word: number): number =>
        (work.on === (work.bit.activeWhen === 1) ? word | (1 << work.bit.bit) : word & ~(1 << work.bit.bit)) >>> 0;
      if (work.bit.source === 'status') status = set(status);
      else if (work.bit.source === 'io') io = set(0);
      else signalBits = set(0);
    }
    out.push({
      dueMs: f.dueMs,
      location: {
        alarm: 0,
        status,
        lat: pos.lat,
        lon: pos.lon,
        altitudeM: 0,
        speedKmh: Math.min(6553.5, Math.round(q(pos.speedKmh ?? 0, 0.1) * 10) / 10),
        heading: Math.round(pos.heading ?? 0) % 360,
        ts,
        extras: {
          satellites: 9,
          signal: 25,
          ...(io !== undefined ? { io } : {}),
          ...(signalBits !== undefined ? { signalBits } : {}),
        },
      },
    });
  }
  return out;
}
