/**
 * Online/offline per vehicle, a pure state machine: (state, event, params) → { state, change }.
 * Online on a fix or an "online" report; offline on an "offline" report or last will, on disconnect (embedded
 * broker), or after offlineAfterMs without a fix (Traccar's "unknown after 600 s" default).
 */
import type { VehicleStatus } from '../kernel/types/index.ts';

export interface OnlineState {
  readonly online: boolean;
  /** When it last changed. */
  readonly since: number;
  /** Last fix or report received. */
  readonly lastSeen: number | null;
  readonly reason: string;
}

export type OnlineEvent =
  | { readonly kind: 'fix'; readonly at: number }
  | { readonly kind: 'report'; readonly online: boolean; readonly at: number; readonly reason: string }
  | { readonly kind: 'disconnect'; readonly at: number }
  | { readonly kind: 'tick'; readonly now: number };

export interface OnlineParams {
  readonly offlineAfterMs: number;
}

export const unknownState: OnlineState = { online: false, since: 0, lastSeen: null, reason: 'never seen' };

function to(vehicleId: string, s: OnlineState, online: boolean, at: number, reason: string, lastSeen: number | null) {
  const state: OnlineState = {
    online,
    since: s.online === online ? s.since : at,
    lastSeen,
    reason: s.online === online ? s.reason : reason,
  };
  const change: VehicleStatus | undefined = s.online === online ? undefined : { vehicleId, online, ts: at, reason };
  return { state, change };
}

export function onlineStep(
  vehicleId: string,
  s: OnlineState,
  ev: OnlineEvent,
  p: OnlineParams,
): { state: OnlineState; change?: VehicleStatus } {
  switch (ev.kind) {
    case 'fix':
      return to(vehicleId, s, true, ev.at, 'position received', Math.max(s.lastSeen ?? ev.at, ev.at));
    case 'report':
      return to(vehicleId, s, ev.online, ev.at, ev.reason, Math.max(s.lastSeen ?? ev.at, ev.at));
    case 'disconnect':
      return to(vehicleId, s, false, ev.at, 'disconnected from the broker', s.lastSeen);
    case 'tick': {
      const silentMs = s.lastSeen === null ? 0 : ev.now - s.lastSeen;
      if (!s.online || silentMs <= p.offlineAfterMs) return { state: s };
      return to(vehicleId, s, false, ev.now, `silent for ${Math.round(silentMs / 1000)} s`, s.lastSeen);
    }
  }
}
