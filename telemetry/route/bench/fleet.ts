/**
 * A synthetic fleet for the benchmark, driven on a real road network: each vehicle's route is a random walk over
 * the network (preferring to go straight, no U-turns except at dead ends), swept back and forth for the whole day at
 * its own speed (3.5–6.5 km/h, the odd burst and stop), with GPS noise (σ 5 m, 2 % outliers up to 40 m) and the odd
 * signal gap. Deterministic per seed.
 */
import { prng } from '../../../kernel/prng.ts';
import type { RoadNetwork } from '../network.ts';

export interface SimVehicle {
  readonly id: string;
  /** Segment ids of the route (its assigned streets). */
  readonly route: readonly number[];
  readonly ts: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
}

export interface SimOptions {
  readonly start: number;
  readonly hours: number;
  readonly intervalS: number;
  readonly routeM: number;
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

/** A random walk of about `lengthM`: [segment, node it leaves from] steps. */
function walk(net: RoadNetwork, r: () => number, lengthM: number): [number, number][] {
  let seg = Math.floor(r() * net.segmentCount);
  let from = net.segA[seg]!;
  const steps: [number, number][] = [];
  let len = 0;
  while (len < lengthM && steps.length < 5000) {
    steps.push([seg, from]);
    len += net.segLen[seg]!;
    const at = net.segA[seg] === from ? net.segB[seg]! : net.segA[seg]!;
    const next: number[] = [];
    for (let k = net.adjStart[at]!; k < net.adjStart[at + 1]!; k++)
      if (net.adjSeg[k] !== seg) next.push(net.adjSeg[k]!);
    if (next.length === 0) next.push(seg);
    // prefer the straightest continuation
    const dir = (s: number, n: number): [number, number] => {
      const o = net.segA[s] === n ? net.segB[s]! : net.segA[s]!;
      return [net.nodeX[o]! - net.nodeX[n]!, net.nodeY[o]! - net.nodeY[n]!];
    };
    const [hx, hy] = dir(seg, from);
    next.sort((a, b) => {
      const [ax, ay] = dir(a, at);
      const [bx, by] = dir(b, at);
      return (bx * hx + by * hy) / (Math.hypot(bx, by) || 1) - (ax * hx + ay * hy) / (Math.hypot(ax, ay) || 1);
    });
    seg = r() < 0.6 ? next[0]! : next[Math.floor(r() * next.length)]!;
    from = at;
  }
  return steps;
}

export function simulateVehicle(net: RoadNetwork, id: string, seed: number, o: SimOptions): SimVehicle {
  const r = prng(seed);
  const steps = walk(net, r, o.routeM);
  const speedMs = (3.5 + r() * 3) / 3.6; // 3.5–6.5 km/h
  const n = Math.floor((o.hours * 3600) / o.intervalS);
  const ts = new Float64Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  let i = 0;
  let dirFwd = true;
  let along = 0;
  let kept = 0;
  let gapLeft = 0;
  let stopLeft = 0;
  for (let f = 0; f < n; f++) {
    if (stopLeft > 0) stopLeft--;
    else if (r() < 0.0005)
      stopLeft = 12 + Math.floor(r() * 120); // stops of 1–11 min
    else along += speedMs * o.intervalS * (r() < 0.003 ? 2.5 : 1); // the odd burst of speed
    while (along > net.segLen[steps[i]![0]]!) {
      along -= net.segLen[steps[i]![0]]!;
      if (dirFwd ? i === steps.length - 1 : i === 0) dirFwd = !dirFwd;
      else i += dirFwd ? 1 : -1;
    }
    const [seg, fromNode] = steps[i]!;
    const forward = dirFwd === (net.segA[seg] === fromNode);
    const [x, y] = net.pointAt(seg, forward ? along : net.segLen[seg]! - along);
    if (gapLeft > 0) {
      gapLeft--;
      continue;
    }
    if (r() < 0.0005) gapLeft = 20 + Math.floor(r() * 40); // 100–300 s without a fix
    const noise = r() < 0.02 ? 20 + r() * 20 : 5;
    const nx = x + gauss(r) * noise;
    const ny = y + gauss(r) * noise;
    ts[kept] = o.start + f * o.intervalS * 1000;
    lat[kept] = net.proj.lat(ny);
    lon[kept] = net.proj.lon(nx);
    kept++;
  }
  const route = [...new Set(steps.map(([s]) => s))];
  return { id, route, ts: ts.subarray(0, kept), lat: lat.subarray(0, kept), lon: lon.subarray(0, kept) };
}
