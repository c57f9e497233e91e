/**
 * Who may do what on the embedded broker. Vehicles log in with their id and vehicles[].password and may publish
 * only under PREFIX/vehicles/{their id}/ (and subscribe only there); subscribe-only accounts (dashboards, services)
 * may subscribe under PREFIX/ and never publish; gridwatch's own internal client uses a credential generated at
 * start. Anonymous clients and wrong passwords are refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Topics } from './topics.ts';

export type Principal =
  | { readonly kind: 'vehicle'; readonly id: string }
  | { readonly kind: 'subscriber'; readonly username: string }
  | { readonly kind: 'internal' };

export interface Credential {
  readonly username: string;
  readonly password: string;
}

const digest = (s: string | Buffer): Buffer => createHash('sha256').update(s).digest();

export class Acl {
  private readonly vehicles = new Map<string, Buffer>();
  private readonly subscribers = new Map<string, Buffer>();
  private readonly names = new Set<string>();
  readonly internal: Credential = {
    username: `gridwatch-internal-${randomBytes(4).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  };

  constructor(
    readonly topics: Topics,
    vehicles: readonly { readonly id: string; readonly password?: string }[],
    subscribers: readonly Credential[],
  ) {
    for (const v of vehicles) if (v.password !== undefined) this.vehicles.set(v.id, digest(v.password));
    for (const v of vehicles) this.names.add(v.id);
    for (const s of subscribers) this.names.add(s.username);
    this.names.add(this.internal.username);
    subscribers.forEach((s, i) => {
      if (vehicles.some((v) => v.id === s.username)) {
        throw new Error(`mqtt.subscribers[${i}].username "${s.username}" is also a vehicle id; pick another name`);
      }
      this.subscribers.set(s.username, digest(s.password));
    });
  }

  authenticate(username: string | undefined, password: Buffer | undefined): Principal | null {
    if (username === undefined || password === undefined) return null;
    const given = digest(password);
    if (username === this.internal.username)
      return timingSafeEqual(given, digest(this.internal.password)) ? { kind: 'internal' } : null;
    const v = this.vehicles.get(username);
    if (v) return timingSafeEqual(given, v) ? { kind: 'vehicle', id: username } : null;
    const s = this.subscribers.get(username);
    if (s) return timingSafeEqual(given, s) ? { kind: 'subscriber', username } : null;
    return null;
  }

  /** A vehicle id, account or the internal user name (what a client id may not claim unless it is the login's). */
  isLogin(name: string): boolean {
    return this.names.has(name);
  }

  canPublish(p: Principal, topic: string): boolean {
    if (p.kind === 'internal') return true;
    if (p.kind === 'subscriber') return false;
    return topic.startsWith(this.topics.vehicleRoot(p.id));
  }

  canSubscribe(p: Principal, filter: string): boolean {
    if (p.kind === 'internal') return true;
    if (p.kind === 'subscriber') return filter.startsWith(`${this.topics.prefix}/`);
    return filter.startsWith(this.topics.vehicleRoot(p.id));
  }
}
