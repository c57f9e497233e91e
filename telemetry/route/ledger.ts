/**
 * Street coverage per window. Coverage = Σ over assigned segments of min(metres driven on it while working within
 * the speed band ÷ required passes, its length) ÷ assigned length. A segment is missed when under half of it is
 * covered; `missedNames` are the assigned streets (name, else id) with a missed segment.
 * Mean passes = metres driven on assigned segments (working, in band) ÷ assigned length.
 */
import type { RoadNetwork } from './network.ts';
import type { Piece } from './paths.ts';
import type { ResolvedPlan } from './plan.ts';

export interface CoverageResult {
  readonly coverage: number;
  readonly assignedM: number;
  readonly coveredM: number;
  readonly meanPasses: number;
  readonly missed: readonly string[];
  readonly missedNames: readonly string[];
}

export class CoverageLedger {
  private readonly byWindow = new Map<string, Map<number, number>>();

  constructor(
    private readonly net: RoadNetwork,
    private readonly plan: ResolvedPlan,
  ) {}

  add(key: string, pieces: readonly Piece[]): void {
    let m = this.byWindow.get(key);
    for (const p of pieces) {
      if (!this.plan.assigned.has(p.seg)) continue;
      if (!m) {
        m = new Map();
        this.byWindow.set(key, m);
      }
      m.set(p.seg, (m.get(p.seg) ?? 0) + Math.abs(p.to - p.from));
    }
  }

  /** Covered share (0..1) of each assigned segment in window `key`. */
  segmentShares(key: string): Map<number, number> {
    const m = this.byWindow.get(key);
    const out = new Map<number, number>();
    for (const s of this.plan.assigned) {
      const len = this.net.segLen[s]!;
      out.set(s, len > 0 ? Math.min(1, (m?.get(s) ?? 0) / this.plan.passes / len) : 1);
    }
    return out;
  }

  result(key: string): CoverageResult {
    const m = this.byWindow.get(key);
    let covered = 0;
    let driven = 0;
    const missed: string[] = [];
    const names = new Set<string>();
    for (const [s, share] of this.segmentShares(key)) {
      covered += share * this.net.segLen[s]!;
      driven += m?.get(s) ?? 0;
      if (share < 0.5) {
        missed.push(this.net.segIds[s]!);
        const street = this.plan.streetOf.get(s);
        if (street) names.add(street.name ?? street.id);
      }
    }
    const a = this.plan.assignedM;
    return {
      coverage: a > 0 ? covered / a : 1,
      assignedM: a,
      coveredM: covered,
      meanPasses: a > 0 ? driven / a : 0,
      missed,
      missedNames: [...names],
    };
  }

  drop(key: string): void {
    this.byWindow.delete(key);
  }

  keys(): string[] {
    return [...this.byWindow.keys()];
  }
}
