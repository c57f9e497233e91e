/**
 * A simulated vehicle's whole timeline: one round per window instance of its plan (from the window's start until
 * the next window starts), each a pure function of (seed, vehicle, window), so a restart regenerates the same fixes
 * (the store keeps them once) and tests are deterministic. What happens in a round is drawn from the seeded PRNG:
 * a late start, a signal gap, a deviation, each with its probability.
 */
import { prng } from '../../kernel/prng.ts';
import type { TimeWindow } from '../../kernel/time.ts';
import { windowsBetween, type WindowInstance } from '../route/windows.ts';
import { type Profile, type SimFix, simulateRound } from './timeline.ts';
import { type TourNet, tourSteps } from './tour.ts';

export interface Incidents {
  /** Probability per round of leaving 18–28 min late (beyond the usual 0–3 min). */
  readonly lateStart: number;
  /** …of a 6–9 min signal gap while driving. */
  readonly gap: number;
  /** …of one deviation off the route (250–700 m out and back). */
  readonly deviation: number;
}

export interface SimVehicleOptions {
  readonly id: string;
  readonly seed: number;
  readonly tour: TourNet;
  readonly profile: Profile;
  readonly windows: readonly TimeWindow[];
  readonly timezone: string;
  readonly intervalS: number;
  readonly parkedIntervalS: number;
  readonly noiseM: number;
  readonly incidents: Incidents;
}

/** What a round does (for tests and the log). */
export interface RoundPlan {
  readonly key: string;
  readonly departS: number;
  readonly late: boolean;
  readonly gap?: { readonly afterS: number; readonly durS: number };
  readonly deviateAt?: number;
}

/** FNV-1a of a string: a 32-bit seed per vehicle and window. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const DAY = 86_400_000;

export class SimVehicle {
  private readonly cache = new Map<string, SimFix[]>();

  constructor(readonly o: SimVehicleOptions) {
    if (o.windows.length === 0) throw new Error(`simulated vehicle "${o.id}": its plan has no work windows`);
  }

  /** The round of a window instance: its incidents, drawn from (seed, vehicle, window). */
  plan(w: WindowInstance): RoundPlan {
    const rng = prng(hash32(`${this.o.seed}|${this.o.id}|${w.key}`));
    const late = rng() < this.o.incidents.lateStart;
    const departS = late ? 1080 + rng() * 600 : rng() * 180;
    const gap = rng() < this.o.incidents.gap ? { afterS: 300 + rng() * 900, durS: 360 + rng() * 180 } : undefined;
    const deviateAt = rng() < this.o.incidents.deviation ? 0.2 + rng() * 0.5 : undefined;
    return {
      key: w.key,
      departS,
      late,
      ...(gap ? { gap } : {}),
      ...(deviateAt !== undefined ? { deviateAt } : {}),
    };
  }

  /** The fixes of the round of window `w`, which lasts until `spanEnd`. */
  round(w: WindowInstance, spanEnd: number): SimFix[] {
    const hit = this.cache.get(w.key);
    if (hit) return hit;
    const p = this.plan(w);
    const rng = prng(hash32(`${this.o.seed}|${this.o.id}|${w.key}|drive`));
    const steps = tourSteps(this.o.tour, p.deviateAt !== undefined ? { deviateAt: p.deviateAt, pick: rng() } : {});
    const fixes = simulateRound({
      tour: this.o.tour,
      steps,
      profile: this.o.profile,
      start: w.start,
      end: w.end,
      spanEnd,
      intervalS: this.o.intervalS,
      parkedIntervalS: this.o.parkedIntervalS,
      noiseM: this.o.noiseM,
      departS: p.departS,
      ...(p.gap ? { gap: p.gap } : {}),
      rng,
    });
    this.cache.set(w.key, fixes);
    if (this.cache.size > 6) this.cache.delete(this.cache.keys().next().value!);
    return fixes;
  }

  /** Window instances whose rounds overlap [from, to), each with the start of the next one. */
  rounds(from: number, to: number): { w: WindowInstance; spanEnd: number }[] {
    const all = windowsBetween(this.o.windows, this.o.timezone, from - DAY, to + 2 * DAY);
    const out: { w: WindowInstance; spanEnd: number }[] = [];
    all.forEach((w, i) => {
      const spanEnd = all[i + 1]?.start ?? w.end;
      if (spanEnd > from && w.start < to) out.push({ w, spanEnd: Math.max(spanEnd, w.end) });
    });
    return out;
  }

  /** Every fix with from ≤ ts < to, in time order. */
  fixesBetween(from: number, to: number): SimFix[] {
    return this.rounds(from, to).flatMap(({ w, spanEnd }) =>
      this.round(w, spanEnd).filter((f) => f.ts >= from && f.ts < to),
    );
  }
}
