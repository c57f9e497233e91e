/**
 * The live feed behind GET /api/events: bus events and alerts fanned out to each connected browser, filtered by
 * what the user's role may see (a handler only sees cases of their unit). Vehicle positions are thinned to one per
 * vehicle per second. A slow client's queue is capped (oldest dropped, counted).
 */
import type { BusEvents, EventBus } from '../kernel/bus.ts';
import type { Role, SessionUser } from '../kernel/types/user.ts';
import type { Alert } from './alert-types.ts';
import type { AlertCenter } from './alerts.ts';

export type FeedTopic =
  | 'alert'
  | 'hit'
  | 'violation'
  | 'case'
  | 'camera.status'
  | 'vehicle.status'
  | 'vehicle.position';
export const FEED_TOPICS: readonly FeedTopic[] = [
  'alert',
  'hit',
  'violation',
  'case',
  'camera.status',
  'vehicle.status',
  'vehicle.position',
];

export const TOPICS_BY_ROLE: Readonly<Record<Role, readonly FeedTopic[]>> = {
  admin: FEED_TOPICS,
  operator: FEED_TOPICS,
  handler: ['case'],
  regulator: ['violation', 'case', 'camera.status', 'vehicle.status', 'vehicle.position'],
};

export interface FeedMessage {
  readonly topic: FeedTopic;
  readonly data: unknown;
  /** Unit a case belongs to (handlers see only their unit's). */
  readonly unit?: string;
}

type Client = (m: FeedMessage) => void;

const POSITION_MIN_INTERVAL_MS = 1000;

export class LiveFeed {
  private readonly clients = new Set<Client>();
  private readonly lastPosition = new Map<string, number>();
  private readonly off: (() => void)[] = [];
  dropped = 0;

  constructor(bus: EventBus, alerts: AlertCenter) {
    const relay = <T extends keyof BusEvents>(topic: T & FeedTopic) =>
      bus.on(topic, (e) => this.publish({ topic, data: e }));
    this.off.push(
      relay('hit'),
      relay('violation'),
      relay('camera.status'),
      relay('vehicle.status'),
      bus.on('case', (e) =>
        this.publish({ topic: 'case', data: e, ...(e.case.unitId ? { unit: e.case.unitId } : {}) }),
      ),
      bus.on('vehicle.position', (p) => {
        const last = this.lastPosition.get(p.vehicleId) ?? -Infinity;
        if (p.ts - last < POSITION_MIN_INTERVAL_MS) return;
        this.lastPosition.set(p.vehicleId, p.ts);
        this.publish({ topic: 'vehicle.position', data: p });
      }),
      alerts.onAlert((alert: Alert, isNew) => this.publish({ topic: 'alert', data: { alert, isNew } })),
    );
  }

  get size(): number {
    return this.clients.size;
  }

  /** Subscribe a user to the topics they asked for (all their role may see when none). */
  subscribe(user: SessionUser, wanted: readonly string[] | undefined, deliver: Client): () => void {
    const allowed = TOPICS_BY_ROLE[user.role].filter((t) => !wanted?.length || wanted.includes(t));
    const client: Client = (m) => {
      if (!allowed.includes(m.topic)) return;
      if (user.role === 'handler' && m.unit !== user.unit) return;
      deliver(m);
    };
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  close(): void {
    for (const o of this.off) o();
    this.clients.clear();
  }

  private publish(m: FeedMessage): void {
    for (const c of [...this.clients]) c(m);
  }
}
