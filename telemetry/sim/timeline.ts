/**
 * One simulated work round as timed GPS fixes (pure, seeded): parked in the depot until the departure (late when
 * the round says so), the tour driven at the vehicle type's speeds (working on the assigned streets, faster on
 * deadhead and deviations), stops at collection points for garbage trucks, back home before the window ends (what
 * is left undone stays undone), then parked until the next round. GPS noise is Gaussian, clipped at 3σ; a signal
 * gap drops the fixes of a stretch while the vehicle drives on.
 */
import type { VehicleConfig } from '../../kernel/config/schema.ts';
import { homeFrom, homeM, type Step, type TourNet } from './tour.ts';

export interface SimFix {
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh: number;
  readonly heading: number;
  readonly work: boolean;
}

export interface Profile {
  /** Working speed range, km/h (a new speed every ~200 m). */
  readonly workKmh: readonly [number, number];
  /** Deadhead / deviation speed range, km/h. */
  readonly transitKmh: readonly [number, number];
  /** Collection stops: every so many working metres, for so many seconds (garbage trucks). */
  readonly stopEveryM?: readonly [number, number];
  readonly stopS?: readonly [number, number];
}

export const PROFILES: Readonly<Record<VehicleConfig['type'], Profile>> = {
  sweeper: { workKmh: [5, 9], transitKmh: [15, 25] },
  sprinkler: { workKmh: [10, 16], transitKmh: [20, 30] },
  washer: { workKmh: [8, 14], transitKmh: [20, 30] },
  'garbage-truck': { workKmh: [18, 28], transitKmh: [22, 32], stopEveryM: [250, 450], stopS: [45, 120] },
  other: { workKmh: [10, 25], transitKmh: [20, 35] },
};

export interface RoundInput {
  readonly tour: TourNet;
  readonly steps: readonly Step[];
  readonly profile: Profile;
  /** Window start and end, and when the next round starts (parked fixes until then), epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly spanEnd: number;
  readonly intervalS: number;
  readonly parkedIntervalS: number;
  /** GPS noise σ in metres (clipped at 3σ). */
  readonly noiseM: number;
  /** Seconds after the window start the vehicle leaves the depot. */
  readonly departS: number;
  /** No fixes from `afterS` seconds after the departure, for `durS` seconds. */
  readonly gap?: { readonly afterS: number; readonly durS: number };
  readonly rng: () => number;
}

const uniform = (rng: () => number, [a, b]: readonly [number, number]): number => a + (b - a) * rng();

function gauss(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function simulateRound(r: RoundInput): SimFix[] {
  const { net } = r.tour;
  const out: SimFix[] = [];
  const depotXY = [net.nodeX[r.tour.depot]!, net.nodeY[r.tour.depot]!] as const;
  const depart = r.start + r.departS * 1000;
  const gapFrom = r.gap ? depart + r.gap.afterS * 1000 : Number.POSITIVE_INFINITY;
  const gapTo = r.gap ? gapFrom + r.gap.durS * 1000 : gapFrom;
  const emit = (ts: number, x: number, y: number, kmh: number, heading: number, work: boolean): void => {
    if (ts >= gapFrom && ts < gapTo) return;
    let [dx, dy] = [gauss(r.rng) * r.noiseM, gauss(r.rng) * r.noiseM];
    const d = Math.hypot(dx, dy);
    if (d > 3 * r.noiseM) [dx, dy] = [(dx * 3 * r.noiseM) / d, (dy * 3 * r.noiseM) / d];
    const speed = kmh > 0 ? Math.max(0.5, kmh + gauss(r.rng) * 0.4) : 0;
    out.push({
      ts: Math.round(ts),
      lat: Math.round(net.proj.lat(y + dy) * 1e7) / 1e7,
      lon: Math.round(net.proj.lon(x + dx) * 1e7) / 1e7,
      speedKmh: Math.round(speed * 10) / 10,
      heading: Math.round(((heading % 360) + 360) % 360),
      work,
    });
  };
  const park = (from: number, to: number): void => {
    for (let t = from; t < to; t += r.parkedIntervalS * 1000) emit(t, depotXY[0], depotXY[1], 0, 0, false);
  };
  park(r.start, depart);
  let t = depart;
  let nextFix = depart;
  let kmh = uniform(r.rng, r.profile.transitKmh);
  let runM = 0;
  let runWorking = false;
  let workM = 0;
  let nextStopM = r.profile.stopEveryM ? uniform(r.rng, r.profile.stopEveryM) : Number.POSITIVE_INFINITY;
  const drive = (s: Step): void => {
    const [ax, ay, bx, by] = [net.nodeX[s.from]!, net.nodeY[s.from]!, net.nodeX[s.to]!, net.nodeY[s.to]!];
    const len = net.segLen[s.seg]!;
    const working = s.kind === 'work';
    if (runM <= 0 || working !== runWorking) {
      kmh = uniform(r.rng, working ? r.profile.workKmh : r.profile.transitKmh);
      [runM, runWorking] = [200, working];
    }
    runM -= len;
    const dur = (len / (kmh / 3.6)) * 1000;
    const heading = (Math.atan2(bx - ax, by - ay) * 180) / Math.PI;
    for (; nextFix < t + dur; nextFix += r.intervalS * 1000) {
      const f = (nextFix - t) / dur;
      emit(nextFix, ax + (bx - ax) * f, ay + (by - ay) * f, kmh, heading, working);
    }
    t += dur;
    if (!working) return;
    workM += len;
    if (workM >= nextStopM) {
      nextStopM = workM + uniform(r.rng, r.profile.stopEveryM!);
      const stopEnd = t + uniform(r.rng, r.profile.stopS!) * 1000;
      for (; nextFix < stopEnd; nextFix += r.intervalS * 1000) emit(nextFix, bx, by, 0, heading, true);
      t = stopEnd;
    }
  };
  let at = r.tour.depot;
  for (const s of r.steps) {
    // leave for home while there is time to get there before the window ends (a minute to spare)
    const back = homeM(r.tour, at);
    if (s.kind !== 'deadhead' && t + (back / (r.profile.transitKmh[0] / 3.6) + 60) * 1000 >= r.end) break;
    drive(s);
    at = s.to;
  }
  for (const s of homeFrom(r.tour, at)) drive({ ...s, kind: 'deadhead' });
  park(Math.max(nextFix, t), r.spanEnd);
  return out;
}
