/**
 * Shortest road distances between positions on the network (bounded Dijkstra over the undirected segment graph).
 * One workspace per network, reused across calls (JavaScript is single-threaded, so calls never overlap).
 */
import type { RoadNetwork } from './network.ts';

/** A position on the network: segment index and metres from its first node. */
export interface NetPos {
  readonly seg: number;
  readonly t: number;
}

/** A traversed piece of a segment, from `from` to `to` metres along it (either order). */
export interface Piece {
  readonly seg: number;
  readonly from: number;
  readonly to: number;
}

export class PathFinder {
  private readonly dist: Float64Array;
  private readonly stamp: Int32Array;
  private readonly pred: Int32Array;
  private readonly settled: Int32Array;
  private readonly isTarget: Int32Array;
  private targets = 0;
  private gen = 0;
  private heapN: number[] = [];
  private heapD: number[] = [];

  constructor(private readonly net: RoadNetwork) {
    this.dist = new Float64Array(net.nodeCount);
    this.stamp = new Int32Array(net.nodeCount);
    this.pred = new Int32Array(net.nodeCount);
    this.settled = new Int32Array(net.nodeCount);
    this.isTarget = new Int32Array(net.nodeCount);
  }

  /**
   * Road distances from `from` to each of `to` (Infinity when further than `bound`). Positions on the same segment
   * or on a segment sharing a node with it are measured directly (through that node); others by bounded Dijkstra.
   */
  distances(from: NetPos, to: readonly NetPos[], bound: number): number[] {
    const out: number[] = new Array<number>(to.length).fill(Infinity);
    const net = this.net;
    const [fa, fb] = [net.segA[from.seg]!, net.segB[from.seg]!];
    const toA = from.t;
    const toB = net.segLen[from.seg]! - from.t;
    let pending = 0;
    for (let j = 0; j < to.length; j++) {
      const p = to[j]!;
      if (p.seg === from.seg) {
        out[j] = Math.abs(p.t - from.t);
        continue;
      }
      const [pa, pb] = [net.segA[p.seg]!, net.segB[p.seg]!];
      const len = net.segLen[p.seg]!;
      let d = Infinity;
      if (pa === fa) d = toA + p.t;
      else if (pa === fb) d = toB + p.t;
      if (pb === fa) d = Math.min(d, toA + len - p.t);
      else if (pb === fb) d = Math.min(d, toB + len - p.t);
      if (d < Infinity) out[j] = d <= bound ? d : Infinity;
      else pending++;
    }
    if (pending === 0) return out;
    this.gen++;
    this.targets = 0;
    for (const p of to)
      if (p.seg !== from.seg) {
        this.target(net.segA[p.seg]!);
        this.target(net.segB[p.seg]!);
      }
    this.run(from, bound);
    for (let j = 0; j < to.length; j++) {
      const p = to[j]!;
      const viaA = this.at(net.segA[p.seg]!) + p.t;
      const viaB = this.at(net.segB[p.seg]!) + net.segLen[p.seg]! - p.t;
      const d = Math.min(viaA, viaB);
      if (d < out[j]! && d <= bound) out[j] = d;
    }
    return out;
  }

  /** The pieces of road driven along the shortest path from `from` to `to`, or null beyond `bound`. */
  path(from: NetPos, to: NetPos, bound: number): Piece[] | null {
    const net = this.net;
    if (from.seg === to.seg) return [{ seg: from.seg, from: from.t, to: to.t }];
    const [ta, tb] = [net.segA[to.seg]!, net.segB[to.seg]!];
    this.gen++;
    this.targets = 0;
    this.target(ta);
    this.target(tb);
    this.run(from, bound);
    const viaA = this.at(ta) + to.t;
    const viaB = this.at(tb) + net.segLen[to.seg]! - to.t;
    if (Math.min(viaA, viaB) > bound) return null;
    const last = viaA <= viaB ? ta : tb;
    const pieces: Piece[] = [{ seg: to.seg, from: last === ta ? 0 : net.segLen[to.seg]!, to: to.t }];
    let n = last;
    while (this.pred[n]! >= 0) {
      const s = this.pred[n]!;
      const other = net.segA[s] === n ? net.segB[s]! : net.segA[s]!;
      pieces.push({ seg: s, from: net.segA[s] === n ? net.segLen[s]! : 0, to: net.segA[s] === n ? 0 : net.segLen[s]! });
      n = other;
    }
    pieces.push({ seg: from.seg, from: from.t, to: net.segA[from.seg] === n ? 0 : net.segLen[from.seg]! });
    return pieces.reverse();
  }

  private at(n: number): number {
    return this.stamp[n] === this.gen ? this.dist[n]! : Infinity;
  }

  private target(n: number): void {
    if (this.isTarget[n] === this.gen) return;
    this.isTarget[n] = this.gen;
    this.targets++;
  }

  /** Dijkstra from `from` until every target node (marked for this generation) is settled or `bound` is passed. */
  private run(from: NetPos, bound: number): void {
    const net = this.net;
    this.heapN.length = 0;
    this.heapD.length = 0;
    this.relax(net.segA[from.seg]!, from.t, -1);
    this.relax(net.segB[from.seg]!, net.segLen[from.seg]! - from.t, -1);
    let left = this.targets;
    while (this.heapN.length > 0) {
      const [n, d] = this.pop();
      if (d > this.dist[n]! || this.settled[n] === this.gen) continue;
      this.settled[n] = this.gen;
      if (this.isTarget[n] === this.gen && --left === 0) return;
      if (d > bound) return;
      for (let k = net.adjStart[n]!; k < net.adjStart[n + 1]!; k++) {
        const s = net.adjSeg[k]!;
        const m = net.segA[s] === n ? net.segB[s]! : net.segA[s]!;
        this.relax(m, d + net.segLen[s]!, s);
      }
    }
  }

  private relax(n: number, d: number, viaSeg: number): void {
    if (this.stamp[n] === this.gen && this.dist[n]! <= d) return;
    this.stamp[n] = this.gen;
    this.dist[n] = d;
    this.pred[n] = viaSeg;
    this.push(n, d);
  }

  private push(n: number, d: number): void {
    const [hn, hd] = [this.heapN, this.heapD];
    let i = hn.length;
    hn.push(n);
    hd.push(d);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hd[p]! <= d) break;
      hn[i] = hn[p]!;
      hd[i] = hd[p]!;
      i = p;
    }
    hn[i] = n;
    hd[i] = d;
  }

  private pop(): [number, number] {
    const [hn, hd] = [this.heapN, this.heapD];
    const top: [number, number] = [hn[0]!, hd[0]!];
    const ln = hn.pop()!;
    const ld = hd.pop()!;
    if (hn.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= hn.length) break;
        const c = l + 1 < hn.length && hd[l + 1]! < hd[l]! ? l + 1 : l;
        if (hd[c]! >= ld) break;
        hn[i] = hn[c]!;
        hd[i] = hd[c]!;
        i = c;
      }
      hn[i] = ln;
      hd[i] = ld;
    }
    return top;
  }
}
