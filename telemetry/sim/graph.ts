/** Shortest paths over the road network's nodes for the simulator (Dijkstra, optionally on a subset of segments). */
import type { RoadNetwork } from '../route/network.ts';

export interface Tree {
  readonly dist: Float64Array;
  /** Segment by which each node was reached (-1 for the source and unreached nodes). */
  readonly via: Int32Array;
}

/** The other end of segment `s` from node `n`. */
export const otherEnd = (net: RoadNetwork, s: number, n: number): number =>
  net.segA[s] === n ? net.segB[s]! : net.segA[s]!;

/** Costs from `from` to every node: a segment costs its length times `factor(s)` (1 when omitted). */
export function shortestTree(net: RoadNetwork, from: number, factor?: (s: number) => number): Tree {
  const dist = new Float64Array(net.nodeCount).fill(Number.POSITIVE_INFINITY);
  const via = new Int32Array(net.nodeCount).fill(-1);
  const heap: [number, number][] = [];
  const push = (d: number, n: number): void => {
    heap.push([d, n]);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]![0] <= heap[i]![0]) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
        if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  dist[from] = 0;
  push(0, from);
  while (heap.length > 0) {
    const [d, n] = pop();
    if (d > dist[n]!) continue;
    for (let k = net.adjStart[n]!; k < net.adjStart[n + 1]!; k++) {
      const s = net.adjSeg[k]!;
      const m = otherEnd(net, s, n);
      const nd = d + net.segLen[s]! * (factor ? factor(s) : 1);
      if (nd < dist[m]!) {
        dist[m] = nd;
        via[m] = s;
        push(nd, m);
      }
    }
  }
  return { dist, via };
}

/** The segments from the tree's source to `to`, in driving order (empty when unreached or the source itself). */
export function pathTo(net: RoadNetwork, tree: Tree, to: number): number[] {
  const segs: number[] = [];
  let n = to;
  while (tree.via[n]! >= 0) {
    const s = tree.via[n]!;
    segs.push(s);
    n = otherEnd(net, s, n);
  }
  return segs.reverse();
}

/** The node nearest to a local point among nodes `accept` takes. */
export function nearestNode(net: RoadNetwork, x: number, y: number, accept: (n: number) => boolean): number {
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let n = 0; n < net.nodeCount; n++) {
    if (!accept(n)) continue;
    const d = Math.hypot(net.nodeX[n]! - x, net.nodeY[n]! - y);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}
