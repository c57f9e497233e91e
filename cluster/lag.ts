/** The last N latencies (ms) of findings from a node's publish to the core's case change, with quantiles. */
export class LagWindow {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  add(ms: number): void {
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  /** The q-quantile (0..1) of the window, 0 when empty. */
  quantile(q: number): number {
    if (this.values.length === 0) return 0;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  }

  get count(): number {
    return this.values.length;
  }
}
