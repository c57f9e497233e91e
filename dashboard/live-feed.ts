/**
 * The live feed behind GET /api/events: bus events and alerts fanned out to each connected browser, filtered by
 * what the user's role may see (a handler only sees cases of their unit, an inspector those of their grid cells; a
 * notice goes to its user only). Vehicle positions are thinned to one per
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
  | 'vehicle.position'
  | 'notice';
export const FEED_TOPICS: readonly FeedTopic[] = [
  'notice',
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
  handler: ['case', 'notice'],
  regulator: ['violation', 'case', 'camera.status', 'vehicle.status', 'vehicle.position', 'notice'],
  inspector: ['case', 'notice'],
};

export interface FeedMessage {
  readonly topic: FeedTopic;
  readonly data: unknown;
  /** Unit a case belongs to (handlers see only their unit's). */
  readonly unit?: string;
  /** Grid cell of a case (inspectors see only their cells'). */
  readonly cell?: string;
  /** A notice goes to this user only. */
  readonly username?: string;
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
        this.publish({
          topic: 'case',
          data: e,
          ...(e.case.unitId ? { unit: e.case.unitId } : {}),
          ...(e.case.gridCell ? { cell: e.case.gridCell } : {}),
        }),
      ),
      bus.on('notice', (e) =>
        this.publish({ topic: 'notice', data: { notice: e.notice, unread: e.unread }, username: e.username }),
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
      if (m.topic === 'notice') {
        if (m.username === user.username) deliver(m);
        return;
      }
      if (user.role === 'handler' && m.unit !== user.unit) return;
      if (user.role === 'inspector' && (m.cell === undefined || !user.cells?.includes(m.cell))) return;
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
