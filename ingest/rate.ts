/** Measured frames per second over a sliding window. */

export class RateMeter {
  private times: number[] = [];

  constructor(private readonly windowMs = 20_000) {}

  tick(now: number): void {
    this.times.push(now);
    this.trim(now);
  }

  /** Frames per second over the window ending `now`; 0 with fewer than two frames in it. */
  fps(now: number): number {
    this.trim(now);
    const n = this.times.length;
    const first = this.times[0];
    const last = this.times[n - 1];
    if (n < 2 || first === undefined || last === undefined || last <= first) return 0;
    const interval = (last - first) / (n - 1);
    // A source that went quiet since its last frame counts the silence too.
    const span = now - last > 2 * interval ? now - first : last - first;
    return Math.round(((n - 1) / span) * 1000 * 100) / 100;
  }

  private trim(now: number): void {
    const cut = now - this.windowMs;
    let i = 0;
    while (i < this.times.length && (this.times[i] ?? 0) < cut) i++;
    if (i) this.times.splice(0, i);
  }
}
