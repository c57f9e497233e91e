/**
 * The drive of one simulated work round on the road network: depot → the plan's streets (deadhead), every assigned
 * segment once, moving between them along the assigned streets themselves where they connect (so the vehicle stays
 * in its corridor), optionally one deviation (out to a street off the route and back), then back along the route to
 * where it joined it (the way home is then the way out).
 */
import type { RoadNetwork } from '../route/network.ts';
import { nearestNode, otherEnd, pathTo, shortestTree, type Tree } from './graph.ts';

export type StepKind = 'deadhead' | 'work' | 'transit' | 'detour';

/** One segment driven from node `from` to node `to`. */
export interface Step {
  readonly seg: number;
  readonly from: number;
  readonly to: number;
  readonly kind: StepKind;
}

export interface TourNet {
  readonly net: RoadNetwork;
  readonly assigned: ReadonlySet<number>;
  readonly depot: number;
  /** Per node: metres to the nearest assigned segment (deviation targets are far from the route). */
  readonly offRouteM: Float64Array;
  /** Shortest paths from the depot (the network is undirected: also the ways home). */
  readonly fromDepot: Tree;
}

/** Prepare a plan for touring: the depot node (reachable from the plan's streets) and distances to the route. */
export function tourNet(net: RoadNetwork, assigned: ReadonlySet<number>, depot: { lat: number; lon: number }): TourNet {
  const first = [...assigned][0]!;
  const reach = shortestTree(net, net.segA[first]!);
  const node = nearestNode(net, net.proj.x(depot.lon), net.proj.y(depot.lat), (n) => Number.isFinite(reach.dist[n]!));
  const offRouteM = new Float64Array(net.nodeCount);
  for (let n = 0; n < net.nodeCount; n++) {
    let d = Number.POSITIVE_INFINITY;
    for (const s of assigned) d = Math.min(d, net.distanceTo(s, net.nodeX[n]!, net.nodeY[n]!));
    offRouteM[n] = d;
  }
  return { net, assigned, depot: node, offRouteM, fromDepot: shortestTree(net, node) };
}

const steps = (t: TourNet, segs: readonly number[], from: number, kind: (s: number) => StepKind): Step[] => {
  const out: Step[] = [];
  let n = from;
  for (const s of segs) {
    const m = otherEnd(t.net, s, n);
    out.push({ seg: s, from: n, to: m, kind: kind(s) });
    n = m;
  }
  return out;
};

/** The way back to the depot from node `n`. */
export function homeFrom(t: TourNet, n: number): Step[] {
  return pathTo(t.net, t.fromDepot, n)
    .reverse()
    .map((s) => {
      const to =
        t.fromDepot.dist[t.net.segA[s]!]! < t.fromDepot.dist[t.net.segB[s]!]! ? t.net.segA[s]! : t.net.segB[s]!;
      return { seg: s, from: otherEnd(t.net, s, to), to, kind: 'deadhead' as const };
    });
}

/** Metres from node `n` home to the depot. */
export const homeM = (t: TourNet, n: number): number => t.fromDepot.dist[n]!;

export interface TourOptions {
  /** Deviate once when this share of the assigned segments is done (0..1); none when undefined. */
  readonly deviateAt?: number;
  /** Picks among deviation targets (0..1). */
  readonly pick?: number;
}

/** Depot → every assigned segment → (not included: the way home, see homeFrom). */
export function tourSteps(t: TourNet, o: TourOptions = {}): Step[] {
  const { net, assigned } = t;
  const left = new Set(assigned);
  const open = (n: number): number[] => {
    const out: number[] = [];
    for (let k = net.adjStart[n]!; k < net.adjStart[n + 1]!; k++)
      if (left.has(net.adjSeg[k]!)) out.push(net.adjSeg[k]!);
    return out;
  };
  const kindOf = (s: number): StepKind => (assigned.has(s) ? 'work' : 'transit');
  const full = t.fromDepot;
  let best = -1;
  for (const s of assigned)
    for (const n of [net.segA[s]!, net.segB[s]!]) if (best < 0 || full.dist[n]! < full.dist[best]!) best = n;
  const out = steps(t, pathTo(net, full, best), t.depot, () => 'deadhead');
  let cur = best;
  let deviated = o.deviateAt === undefined;
  while (left.size > 0) {
    if (!deviated && 1 - left.size / assigned.size >= o.deviateAt!) {
      deviated = true;
      out.push(...detour(t, cur, o.pick ?? 0));
    }
    const next = open(cur);
    if (next.length > 0) {
      const s = next[0]!;
      left.delete(s);
      const m = otherEnd(net, s, cur);
      out.push({ seg: s, from: cur, to: m, kind: 'work' });
      cur = m;
      continue;
    }
    // to the nearest undone street, a metre off the assigned streets counting as five on them (short cross streets
    // between the two carriageways of a road, never long drives off the route)
    const tree = shortestTree(net, cur, (s) => (assigned.has(s) ? 1 : 5));
    const target = nearestOpen(tree.dist, (n) => open(n).length > 0);
    if (target < 0) break; // the rest lies on a part of the network this one does not reach
    out.push(...steps(t, pathTo(net, tree, target), cur, kindOf));
    cur = target;
  }
  // back along the route to where it was joined, so the way home is the way out (heading for the depot throughout)
  const back = shortestTree(net, cur, (s) => (assigned.has(s) ? 1 : 5));
  out.push(...steps(t, pathTo(net, back, best), cur, kindOf));
  return out;
}

function nearestOpen(dist: Float64Array, ok: (n: number) => boolean): number {
  let best = -1;
  for (let n = 0; n < dist.length; n++)
    if (Number.isFinite(dist[n]!) && ok(n) && (best < 0 || dist[n]! < dist[best]!)) best = n;
  return best;
}

/**
 * Out along streets off the route and back the same way: to the nearest node (at most 1.5 km by road) whose path
 * runs at least 250 m more than 40 m from every assigned street (one of the five nearest such, by `pick`); never
 * within 200 m of the depot (a trip to the yard is no deviation).
 */
function detour(t: TourNet, from: number, pick: number): Step[] {
  const { net } = t;
  const nearDepot = (n: number): boolean =>
    Math.hypot(net.nodeX[n]! - net.nodeX[t.depot]!, net.nodeY[n]! - net.nodeY[t.depot]!) < 200;
  const tree = shortestTree(net, from, (s) =>
    nearDepot(net.segA[s]!) || nearDepot(net.segB[s]!) ? Number.POSITIVE_INFINITY : 1,
  );
  const offM = (segs: readonly number[]): number =>
    segs.reduce(
      (a, s) => a + (t.offRouteM[net.segA[s]!]! > 40 && t.offRouteM[net.segB[s]!]! > 40 ? net.segLen[s]! : 0),
      0,
    );
  const targets: number[] = [];
  for (let n = 0; n < net.nodeCount; n++)
    if (tree.dist[n]! <= 1500 && t.offRouteM[n]! >= 80 && offM(pathTo(net, tree, n)) >= 250) targets.push(n);
  if (targets.length === 0) return [];
  targets.sort((a, b) => tree.dist[a]! - tree.dist[b]!);
  const target = targets[Math.min(targets.length - 1, Math.floor(pick * 5))]!;
  const out = steps(t, pathTo(net, tree, target), from, () => 'detour');
  const back = [...out].reverse().map((s) => ({ seg: s.seg, from: s.to, to: s.from, kind: 'detour' as const }));
  return [...out, ...back];
}
