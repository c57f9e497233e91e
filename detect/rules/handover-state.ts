/**
 * The part of a camera's rule state that moves with the camera to another video node: per zone, the spots (places
 * on their way to a hit), the ongoing hits and the day's repeat counts (`HitRuleState`). Background models are not
 * handed over (the next node learns the scene again). Pure: the JSON form, its check, and how a state resumes after
 * the time the camera was not watched.
 */
import { z } from 'zod';
import type { HitRuleState } from './lifecycle.ts';

const xy = z.tuple([z.number(), z.number()]);
const box = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
const spot = z.object({
  anchor: xy,
  radius: z.number(),
  region: box,
  label: z.string(),
  score: z.number(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  seen: z.number(),
  frames: z.number(),
  held: z.boolean(),
});
const hit = z.object({
  id: z.string(),
  rule: z.enum(['vending', 'litter']),
  category: z.string(),
  cameraId: z.string(),
  zoneId: z.string(),
  gridCell: z.string().optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  start: z.number(),
  lastSeen: z.number(),
  end: z.number().optional(),
  repeat: z.number(),
  region: box,
  boxes: z.array(z.object({ label: z.string(), score: z.number(), box })),
  suppressed: z.object({ maskId: z.string(), until: z.number() }).optional(),
});
const hitState = z.object({
  spots: z.array(spot),
  active: z.array(z.object({ hit, anchor: xy, bestScore: z.number(), lastEmit: z.number() })),
  history: z.array(z.object({ day: z.string(), anchor: xy, count: z.number() })),
  seq: z.number(),
});
/** What is stored per camera: the version of this form and each zone's hit state. */
const handoverSchema = z.object({ v: z.literal(1), zones: z.record(z.string(), hitState) });

export type CameraHandoverState = Readonly<Record<string, HitRuleState>>;

/** The JSON form of a camera's zone states (evidence is the publisher's, not the rule's: left out). */
export function handoverJson(zones: CameraHandoverState): unknown {
  const strip = (s: HitRuleState) => ({
    ...s,
    active: s.active.map((a) => {
      const { evidence: _e, ...h } = a.hit;
      return { ...a, hit: h };
    }),
  });
  return { v: 1, zones: Object.fromEntries(Object.entries(zones).map(([id, s]) => [id, strip(s)])) };
}

/** Read a stored state back; an error names the first bad field. */
export function parseHandover(json: unknown): CameraHandoverState {
  const r = handoverSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`stored rule state: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'invalid'}`);
  }
  return Object.fromEntries(
    Object.entries(r.data.zones).map(([id, s]) => [
      id,
      { ...s, active: s.active.map((a) => ({ ...a, hit: { ...a.hit, evidence: [] } })) },
    ]),
  );
}

/**
 * A zone state handed over after `gapMs` unwatched: the gap is no evidence that the problem went away, so spots and
 * ongoing hits count their clear and forget times from the takeover (their `lastSeen` moved on by the gap). After
 * more than `maxGapMs` nothing carries on but the repeat counts and the hit sequence: old ongoing hits end at once
 * (at their real last sighting) unless seen again.
 */
export function resumeHitState(s: HitRuleState, gapMs: number, maxGapMs: number): HitRuleState {
  const g = Math.max(0, gapMs);
  if (g > maxGapMs) return { ...s, spots: [] };
  return {
    ...s,
    spots: s.spots.map((sp) => ({ ...sp, lastSeen: sp.lastSeen + g })),
    active: s.active.map((a) => ({ ...a, hit: { ...a.hit, lastSeen: a.hit.lastSeen + g }, lastEmit: a.lastEmit + g })),
  };
}
