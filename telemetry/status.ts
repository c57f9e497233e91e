/** Keeps every vehicle's online state, emits `vehicle.status` on the bus on each change, checks silence on a timer. */
import type { EventBus } from '../kernel/bus.ts';
import { onlineGauge } from './metrics.ts';
import { onlineStep, unknownState, type OnlineEvent, type OnlineState } from './online.ts';

export class StatusTracker {
  private readonly states = new Map<string, OnlineState>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    private readonly offlineAfterMs: number,
    private readonly now: () => number,
  ) {}

  start(): void {
    const every = Math.min(5000, Math.max(250, Math.floor(this.offlineAfterMs / 10)));
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  apply(vehicleId: string, ev: OnlineEvent): void {
    const s = this.states.get(vehicleId) ?? unknownState;
    if (ev.kind === 'fix' && s.online && ev.at <= (s.lastSeen ?? 0)) return; // hot path: nothing changes
    const r = onlineStep(vehicleId, s, ev, { offlineAfterMs: this.offlineAfterMs });
    this.states.set(vehicleId, r.state);
    if (r.change) {
      onlineGauge.set(this.onlineCount());
      this.bus.emit('vehicle.status', r.change);
    }
  }

  tick(now = this.now()): void {
    for (const id of this.states.keys()) this.apply(id, { kind: 'tick', now });
  }

  get(vehicleId: string): OnlineState {
    return this.states.get(vehicleId) ?? unknownState;
  }

  onlineCount(): number {
    let n = 0;
    for (const s of this.states.values()) if (s.online) n++;
    return n;
  }
}
