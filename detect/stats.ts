/** Counters and timings of the detect pipeline, for health() and the benchmark. */
import type { DetectTiming } from './detector.ts';

/** Frames per second over a sliding window of event times. */
export class Rate {
  private readonly times: number[] = [];

  constructor(private readonly windowMs = 10_000) {}

  tick(now: number): void {
    this.times.push(now);
    while (this.times.length && this.times[0]! < now - this.windowMs) this.times.shift();
  }

  perSecond(now: number): number {
    while (this.times.length && this.times[0]! < now - this.windowMs) this.times.shift();
    return Math.round((this.times.length / (this.windowMs / 1000)) * 100) / 100;
  }
}

const ema = (prev: number, v: number): number => (prev === 0 ? v : prev * 0.9 + v * 0.1);

/** The last `size` values, for percentiles (a ring: constant memory, O(1) per value). */
export class Recent {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly size = 4096) {}

  add(v: number): void {
    if (this.values.length < this.size) this.values.push(v);
    else this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }

  /** The p-th percentile (nearest rank) of the values kept, 0 when there are none. */
  percentile(p: number): number {
    if (this.values.length === 0) return 0;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  }

  clear(): void {
    this.values.length = 0;
    this.next = 0;
  }
}

/** Sums since start (the benchmark turns differences of these into exact means per window). */
export interface TimingTotals {
  readonly timed: number;
  readonly preMs: number;
  readonly inferMs: number;
  readonly postMs: number;
  readonly tracked: number;
  readonly trackMs: number;
}

export class DetectStats {
  received = 0;
  analysed = 0;
  skippedStill = 0;
  dropped = 0;
  failed = 0;
  stageErrors = 0;
  /** Frames sharp could not resize (the JavaScript resize took them; see detect/fit.ts). */
  resizeFallbacks = 0;
  preMs = 0;
  inferMs = 0;
  postMs = 0;
  trackMs = 0;
  readonly receivedRate = new Rate();
  readonly analysedRate = new Rate();
  /** Frame delivered by ingest → its detection done, ms (wall clock), for the last detected frames. */
  readonly latency = new Recent();
  private readonly sums = { timed: 0, preMs: 0, inferMs: 0, postMs: 0, tracked: 0, trackMs: 0 };

  /** Recent per-frame timings (moving averages, as health shows them) and the sums. */
  timing(t: DetectTiming): void {
    if (t.resizeFallback) this.resizeFallbacks++;
    this.preMs = ema(this.preMs, t.preMs);
    this.inferMs = ema(this.inferMs, t.inferMs);
    this.postMs = ema(this.postMs, t.postMs);
    this.sums.timed++;
    this.sums.preMs += t.preMs;
    this.sums.inferMs += t.inferMs;
    this.sums.postMs += t.postMs;
  }

  tracked(ms: number): void {
    this.trackMs = ema(this.trackMs, ms);
    this.sums.tracked++;
    this.sums.trackMs += ms;
  }

  totals(): TimingTotals {
    return { ...this.sums };
  }

  snapshot(now: number): Record<string, number> {
    const r = (v: number): number => Math.round(v * 100) / 100;
    return {
      framesPerSecond: this.receivedRate.perSecond(now),
      analysedPerSecond: this.analysedRate.perSecond(now),
      received: this.received,
      analysed: this.analysed,
      skippedStill: this.skippedStill,
      dropped: this.dropped,
      failed: this.failed,
      stageErrors: this.stageErrors,
      resizeFallbacks: this.resizeFallbacks,
      preMs: r(this.preMs),
      inferenceMs: r(this.inferMs),
      postMs: r(this.postMs),
      trackMs: r(this.trackMs),
      latencyP50Ms: Math.round(this.latency.percentile(50)),
      latencyP99Ms: Math.round(this.latency.percentile(99)),
    };
  }
}
