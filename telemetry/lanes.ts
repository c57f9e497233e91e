/**
 * One bounded FIFO lane per vehicle, drained round-robin: each vehicle's items are handled strictly in arrival
 * order, and a vehicle with a backlog (or a slow stage) gets a slice per round, so it never holds up the others.
 * A drain runs for at most `budgetMs`, then yields to the event loop (I/O, timers) and continues.
 */

export interface LanesOptions<T> {
  /** Most items queued per vehicle; push() refuses beyond it. */
  readonly laneLimit: number;
  /** Items taken from one lane per round. */
  readonly slice: number;
  readonly budgetMs: number;
  readonly handle: (key: string, item: T) => void;
  /** After each drain turn (e.g. hand the turn's batch to the store). */
  readonly afterTurn: () => void;
}

class Lane<T> {
  items: T[] = [];
  head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export class Lanes<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  /** Lanes with items, in round-robin order. */
  private readonly active = new Set<string>();
  private total = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: LanesOptions<T>) {}

  /** Queue an item; false when that vehicle's lane is full. */
  push(key: string, item: T): boolean {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new Lane<T>();
      this.lanes.set(key, lane);
    }
    if (lane.size >= this.opts.laneLimit) return false;
    lane.items.push(item);
    this.total++;
    this.active.add(key);
    this.schedule();
    return true;
  }

  get pending(): number {
    return this.total;
  }

  laneSize(key: string): number {
    return this.lanes.get(key)?.size ?? 0;
  }

  /** Resolves once every lane is empty and the last turn has finished. */
  idle(): Promise<void> {
    if (this.total === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    const deadline = performance.now() + this.opts.budgetMs;
    try {
      while (this.total > 0 && performance.now() < deadline) {
        for (const key of [...this.active]) {
          const lane = this.lanes.get(key)!;
          for (let n = 0; n < this.opts.slice && lane.size > 0; n++) {
            const item = lane.shift() as T;
            this.total--;
            this.opts.handle(key, item);
          }
          if (lane.size === 0) {
            this.active.delete(key);
            this.lanes.delete(key);
          }
        }
      }
    } finally {
      this.scheduled = false;
      this.opts.afterTurn();
      if (this.total > 0) this.schedule();
      else for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
