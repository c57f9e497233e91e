/**
 * What the embedded broker lets a logged-in client do beyond the ACL's topic roots (pure, unit-tested):
 * - client ids are bound to the login: an id naming another vehicle or account ("T-2", "T-2:phone") is refused; an
 *   id that names no one ("mqttjs_1f2e", or none) is put in the login's namespace ("T-1:mqttjs_1f2e"), so one login
 *   can never take over, resume or receive the session of another;
 * - a vehicle publishes only PREFIX/vehicles/{its id}/position and …/status, each at most `maxPayloadBytes`;
 * - only the status topic may be retained (a position's retain flag is dropped: OwnTracks sets it by default).
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from './acl.ts';
import type { Topics } from './topics.ts';

/** The login name a principal's client ids must carry; undefined for gridwatch's own internal client. */
export function loginName(p: Principal): string | undefined {
  if (p.kind === 'vehicle') return p.id;
  if (p.kind === 'subscriber') return p.username;
  return undefined;
}

/** True when `clientId` is `name` or starts with `name:`. */
export function clientIdOf(name: string, clientId: string): boolean {
  return clientId === name || clientId.startsWith(`${name}:`);
}

/**
 * The client id a connection gets, decided before its password is checked: an id claiming a known login is kept
 * as it is (authentication then refuses it unless it is the login's own); any other id goes into the namespace of
 * the user name it logs in with.
 */
export function effectiveClientId(
  username: string | undefined,
  clientId: string,
  isLogin: (name: string) => boolean,
): string {
  if (username === undefined || clientIdOf(username, clientId)) return clientId;
  const claimed = clientId.split(':', 1)[0] ?? '';
  if (isLogin(claimed)) return clientId;
  return `${username}:${clientId || randomSuffix()}`;
}

/** May `p` keep this client id (after effectiveClientId)? */
export function clientIdAllowed(p: Principal, clientId: string): boolean {
  const name = loginName(p);
  return name === undefined || clientIdOf(name, clientId);
}

export type PublishVerdict =
  | { readonly ok: true; readonly retain: boolean }
  | { readonly ok: false; readonly reason: string };

export interface PublishPacket {
  readonly topic: string;
  readonly payload: Buffer | string;
  readonly retain: boolean;
}

/** A vehicle's publish: refused (the connection is closed) or allowed, with whether the broker may retain it. */
export function vehiclePublish(
  vehicleId: string,
  packet: PublishPacket,
  topics: Topics,
  maxPayloadBytes: number,
): PublishVerdict {
  const t = topics.parse(packet.topic);
  if (!t || t.vehicleId !== vehicleId)
    return { ok: false, reason: `only ${topics.position(vehicleId)} and …/status may be published` };
  const size = Buffer.byteLength(packet.payload);
  if (packet.retain && size > maxPayloadBytes)
    return { ok: false, reason: `retained payload of ${size} bytes, the limit is ${maxPayloadBytes}` };
  return { ok: true, retain: packet.retain && t.kind === 'status' };
}

function randomSuffix(): string {
  return `auto-${randomUUID()}`;
}
