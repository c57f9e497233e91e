/**
 * Online map matching with a hidden Markov model (Newson & Krumm 2009): candidates are road positions near each fix,
 * emission ~ Gaussian in the fix-to-road distance, transition ~ exp(−|road distance − great-circle distance| / β),
 * decoded with Viterbi over a sliding window: a fix is decided once `lag` newer fixes have arrived (or on flush).
 * A fix with no road within the radius is reported unmatched; an impossible transition or a long gap starts a new
 * chain. Per vehicle; fixes must arrive in time order.
 */
import { candidates, type Candidate, type CandidateParams } from './candidates.ts';
import type { RoadNetwork } from './network.ts';
import type { NetPos, PathFinder, Piece } from './paths.ts';

export interface MatchParams extends CandidateParams {
  /** GPS noise, metres (emission σ). */
  readonly sigmaM: number;
  /** Transition scale, metres (β). */
  readonly betaM: number;
  /** Fixes held before one is decided. */
  readonly lag: number;
  /** A gap longer than this (seconds) starts a new chain: the road driven in between is unknown. */
  readonly gapSeconds: number;
}

export const defaultMatchParams: MatchParams = {
  radiusM: 80,
  pruneM: 40,
  max: 6,
  sigmaM: 10,
  betaM: 10,
  lag: 4,
  gapSeconds: 120,
};

export interface MatchFix {
  readonly ts: number;
  /** Local metres (network projection). */
  readonly x: number;
  readonly y: number;
}

export interface Matched<F extends MatchFix> {
  readonly fix: F;
  /** Road position, or null when no road is within the radius. */
  readonly pos: (NetPos & { readonly dist: number }) | null;
  /** Road driven since the previous matched fix of the same chain (empty at a chain start). */
  readonly pieces: readonly Piece[];
  /** Length of `pieces`, metres. */
  readonly routeM: number;
}

interface Column<F extends MatchFix> {
  readonly fix: F;
  readonly cands: readonly Candidate[];
  readonly emis: readonly number[];
  /** trans[j * prevCount + i]: log transition from the previous column's candidate i to candidate j. */
  readonly trans: readonly number[];
  logp: number[];
  back: number[];
}

export class Matcher<F extends MatchFix> {
  private cols: Column<F>[] = [];
  /** Whether cols[0] is the last decided column (kept as the origin of transitions). */
  private anchored = false;

  constructor(
    private readonly net: RoadNetwork,
    private readonly finder: PathFinder,
    private readonly p: MatchParams = defaultMatchParams,
  ) {}

  /** Add a fix; returns the fixes decided by it, oldest first. */
  push(fix: F): Matched<F>[] {
    const out: Matched<F>[] = [];
    const cands = candidates(this.net, fix.x, fix.y, this.p);
    const last = this.cols.at(-1);
    if (last && (fix.ts - last.fix.ts) / 1000 > this.p.gapSeconds) this.restart(out);
    if (cands.length === 0) {
      this.flushInto(out);
      out.push({ fix, pos: null, pieces: [], routeM: 0 });
      return out;
    }
    const emis = cands.map((c) => -0.5 * (c.dist / this.p.sigmaM) ** 2);
    const prev = this.cols.at(-1);
    const col: Column<F> = {
      fix,
      cands,
      emis,
      trans: [],
      logp: emis.slice(),
      back: new Array<number>(cands.length).fill(-1),
    };
    if (prev) {
      const trans = this.transitions(prev, fix, cands);
      const c2 = { ...col, trans };
      if (forward(prev, c2)) this.cols.push(c2);
      else {
        this.restart(out);
        this.cols.push(col);
      }
    } else this.cols.push(col);
    while (this.cols.length - (this.anchored ? 1 : 0) > this.p.lag) out.push(this.commitOldest());
    return out;
  }

  /** Decide every held fix (end of a trace, end of a window). */
  flush(): Matched<F>[] {
    const out: Matched<F>[] = [];
    this.flushInto(out);
    return out;
  }

  private flushInto(out: Matched<F>[]): void {
    while (this.cols.length - (this.anchored ? 1 : 0) > 0) out.push(this.commitOldest());
  }

  private restart(out: Matched<F>[]): void {
    this.flushInto(out);
    this.cols = [];
    this.anchored = false;
  }

  private transitions(prev: Column<F>, fix: F, cands: readonly Candidate[]): number[] {
    const n = prev.cands.length;
    const trans = new Array<number>(cands.length * n).fill(-Infinity);
    const gc = Math.hypot(fix.x - prev.fix.x, fix.y - prev.fix.y);
    let far = 0;
    for (const c of cands) far = Math.max(far, c.dist);
    for (let i = 0; i < n; i++) {
      if (prev.logp[i] === -Infinity) continue;
      // a road route longer than this is as improbable as no route (penalty over 10 β beyond the detour the offsets
      // allow)
      const bound = gc + prev.cands[i]!.dist + far + 10 * this.p.betaM;
      const d = this.finder.distances(prev.cands[i]!, cands, bound);
      for (let j = 0; j < cands.length; j++)
        if (d[j]! < Infinity) trans[j * n + i] = -Math.abs(d[j]! - gc) / this.p.betaM;
    }
    return trans;
  }

  private commitOldest(): Matched<F> {
    const k = this.anchored ? 1 : 0;
    let idx = argmax(this.cols.at(-1)!.logp);
    for (let m = this.cols.length - 1; m > k; m--) idx = this.cols[m]!.back[idx]!;
    const col = this.cols[k]!;
    const cand = col.cands[idx]!;
    let pieces: Piece[] = [];
    if (this.anchored) {
      const a = this.cols[0]!;
      const from = a.cands[argmax(a.logp)]!;
      const gc = Math.hypot(col.fix.x - a.fix.x, col.fix.y - a.fix.y);
      pieces = this.finder.path(from, cand, gc + from.dist + cand.dist + 10 * this.p.betaM) ?? [];
    }
    col.logp = new Array<number>(col.cands.length).fill(-Infinity);
    col.logp[idx] = 0;
    for (let m = k + 1; m < this.cols.length; m++) forward(this.cols[m - 1]!, this.cols[m]!);
    if (this.anchored) this.cols.shift();
    this.anchored = true;
    const routeM = pieces.reduce((s, q) => s + Math.abs(q.to - q.from), 0);
    return { fix: col.fix, pos: { seg: cand.seg, t: cand.t, dist: cand.dist }, pieces, routeM };
  }
}

/** Viterbi step into `col` from `prev`; false when no candidate is reachable. Normalises to max 0. */
function forward<F extends MatchFix>(prev: Column<F>, col: Column<F>): boolean {
  const n = prev.cands.length;
  const logp = new Array<number>(col.cands.length).fill(-Infinity);
  const back = new Array<number>(col.cands.length).fill(-1);
  let best = -Infinity;
  for (let j = 0; j < col.cands.length; j++) {
    for (let i = 0; i < n; i++) {
      const v = prev.logp[i]! + col.trans[j * n + i]!;
      if (v > logp[j]!) [logp[j], back[j]] = [v, i];
    }
    logp[j]! += col.emis[j]!;
    if (logp[j]! > best) best = logp[j]!;
  }
  if (best === -Infinity) return false;
  for (let j = 0; j < logp.length; j++) logp[j]! -= best;
  col.logp = logp;
  col.back = back;
  return true;
}

function argmax(a: readonly number[]): number {
  let k = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[k]!) k = i;
  return k;
}
