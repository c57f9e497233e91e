/**
 * Typed in-process event bus. Stages publish findings and status; consumers (cases, dashboard, metrics)
 * subscribe. A throwing subscriber is logged and skipped: it never breaks the publisher or other subscribers.
 */
import type {
  CameraStatus,
  CaseEvent,
  Hit,
  NoticeEvent,
  Position,
  SuppressionMask,
  VehicleStatus,
  Violation,
} from './types/index.ts';
import type { Logger } from './log.ts';
import type { ZoneConfig } from './config/schema.ts';

export interface HitEvent {
  readonly phase: 'start' | 'update' | 'end';
  readonly hit: Hit;
}

/**
 * A camera's zones were edited in the dashboard (saved in the main database, table camera_zones); detection should
 * use `zones` from now on.
 */
export interface ZonesChangedEvent {
  readonly cameraId: string;
  readonly zones: readonly ZoneConfig[];
  readonly by: string;
}

/** The false-alarm masks of a camera changed (a verdict, an extension, a lift): `masks` are all its masks in force. */
export interface SuppressionsChangedEvent {
  readonly cameraId: string;
  readonly masks: readonly SuppressionMask[];
}

export interface ViolationEvent {
  readonly phase: 'start' | 'update' | 'end';
  readonly violation: Violation;
}

/** A dashboard login session ended (logout, expiry, revocation): whatever was bound to it must stop. */
export interface SessionEndedEvent {
  readonly sessionId: string;
}

/** Every topic on the bus and the payload type it carries. */
export interface BusEvents {
  'camera.status': CameraStatus;
  hit: HitEvent;
  'vehicle.position': Position;
  'vehicle.status': VehicleStatus;
  violation: ViolationEvent;
  case: CaseEvent;
  'zones.changed': ZonesChangedEvent;
  'suppressions.changed': SuppressionsChangedEvent;
  'session.ended': SessionEndedEvent;
  /** A new in-app notice for one user (cases/inbox), after the change that made it is committed. */
  notice: NoticeEvent;
}

export type Topic = keyof BusEvents;
export type Handler<T extends Topic> = (event: BusEvents[T]) => void | Promise<void>;

/**
 * A part of gridwatch that listens on the bus declares the topics it subscribes to (as Outline's processors declare
 * their events); app.ts lists every consumer in one place, and app.test.ts checks that nothing else listens.
 */
export interface BusConsumer {
  readonly name: string;
  readonly subscribes: readonly Topic[];
}

export class EventBus {
  private readonly handlers = new Map<Topic, Set<(event: never) => void | Promise<void>>>();
  private readonly counts = new Map<Topic, number>();

  constructor(private readonly log?: Logger) {}

  /** Subscribe; returns the unsubscribe function. */
  on<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    const h = handler as (event: never) => void | Promise<void>;
    set.add(h);
    return () => set.delete(h);
  }

  /** Deliver synchronously to every subscriber, in subscription order. */
  emit<T extends Topic>(topic: T, event: BusEvents[T]): void {
    this.counts.set(topic, (this.counts.get(topic) ?? 0) + 1);
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const h of [...set]) {
      try {
        const r = (h as Handler<T>)(event);
        if (r instanceof Promise) r.catch((err: unknown) => this.fail(topic, err));
      } catch (err) {
        this.fail(topic, err);
      }
    }
  }

  /** Topics that have at least one subscriber now. */
  subscribed(): Topic[] {
    return [...this.handlers].filter(([, set]) => set.size > 0).map(([topic]) => topic);
  }

  /** Events published per topic since start. */
  stats(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private fail(topic: Topic, err: unknown): void {
    this.log?.error({ err, topic }, 'bus subscriber failed; event skipped for it');
  }
}
