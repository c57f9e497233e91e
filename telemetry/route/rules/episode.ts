/** An open breach: when and where it began and the track slice that proves it. Immutable helpers. */
import type { ViolationKind } from '../../../kernel/types/vehicle.ts';
import type { LatLon } from '../../../kernel/geo.ts';
import type { Text } from '../../../kernel/messages/text.ts';
import { defaultTexts } from '../../../kernel/messages/texts.ts';
import type { TrackPoint, ViolationChange } from './types.ts';

/** Evidence tracks are halved (every other point dropped) when they reach this many points. */
export const TRACK_CAP = 240;
/** An open breach reports its grown evidence at most this often (ms). */
export const UPDATE_EVERY_MS = 60_000;

export interface Episode {
  readonly kind: ViolationKind;
  readonly start: number;
  readonly where: LatLon;
  readonly track: readonly TrackPoint[];
  readonly lastEmit: number;
  /** What happened, as a message (kernel/messages); rendered per reader, and in English for logs and the CLI. */
  readonly text: Text;
}

export function point(f: LatLon & { readonly ts: number }): TrackPoint {
  return { lon: f.lon, lat: f.lat, ts: f.ts };
}

export function grow(track: readonly TrackPoint[], p: TrackPoint): TrackPoint[] {
  const base = track.length >= TRACK_CAP ? track.filter((_, i) => i % 2 === 0) : track;
  return [...base, p];
}

export function change(
  e: Episode,
  phase: ViolationChange['phase'],
  end?: number,
  missed: readonly string[] = [],
): ViolationChange {
  return {
    phase,
    kind: e.kind,
    start: e.start,
    ...(end !== undefined ? { end } : {}),
    where: e.where,
    description: defaultTexts.render(e.text, 'en'),
    text: e.text,
    track: e.track,
    missed,
  };
}

/** Extend an open episode with a point; emits an update when the last emission is old enough. */
export function extend(e: Episode, p: TrackPoint, text: Text): { episode: Episode; out: ViolationChange[] } {
  const grown = { ...e, track: grow(e.track, p), text };
  if (p.ts - e.lastEmit < UPDATE_EVERY_MS) return { episode: grown, out: [] };
  const episode = { ...grown, lastEmit: p.ts };
  return { episode, out: [change(episode, 'update')] };
}
