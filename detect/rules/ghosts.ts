/**
 * Ghosts: static foreground that is there because the background model is wrong, not because something arrived.
 * When the background was learned while a car or a person stood in view, the bare ground they leave behind differs
 * from the model and stays still — it looks exactly like a left object. Two tests tell them apart:
 * - surroundings: the blob now looks like the ground around it, while the model showed something that did not
 *   (a left object is the opposite: it stands out now, the model showed ground);
 * - departure: the blob's pixels started to differ only after a person/vehicle that had stood over them was last
 *   seen there (a dropped bag differs while its owner is still beside it).
 * Ghost blobs are absorbed into the long-term model (healed), never reported.
 */
import type { Box } from '../../kernel/types/index.ts';
import { boxIou } from '../associate.ts';
import { coveredBy, expand } from './geometry.ts';
import type { Blob } from './regions.ts';

/**
 * Contrast of the blob against the background around it in the current frame — mean |pixel − ring mean| over the
 * blob's pixels — and the ring's own spread (mean |ring pixel − ring mean|). The ring is the blob's box grown by
 * `pad` pixels, minus the box, and only its pixels that match the model now (`fg` 0): never the rest of a moving
 * object beside the blob.
 */
function contrasts(
  cur: Float32Array,
  fg: Uint8Array,
  w: number,
  h: number,
  b: Blob,
  pad: number,
): { cur: number; spread: number } | undefined {
  const [x1, y1] = [Math.max(0, b.x1 - pad), Math.max(0, b.y1 - pad)];
  const [x2, y2] = [Math.min(w - 1, b.x2 + pad), Math.min(h - 1, b.y2 + pad)];
  let sc = 0;
  let n = 0;
  for (let y = y1; y <= y2; y++) {
    for (let x = x1; x <= x2; x++) {
      const i = y * w + x;
      if ((x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2) || fg[i]) continue;
      sc += cur[i]!;
      n++;
    }
  }
  if (n < Math.max(8, b.members.length / 4)) return undefined;
  let spread = 0;
  for (let y = y1; y <= y2; y++) {
    for (let x = x1; x <= x2; x++) {
      const i = y * w + x;
      if (!((x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2) || fg[i])) spread += Math.abs(cur[i]! - sc / n);
    }
  }
  let cc = 0;
  for (const i of b.members) cc += Math.abs(cur[i]! - sc / n);
  return { cur: cc / b.members.length, spread: spread / n };
}

/**
 * The blob matches the background around it now — it varies from the ring's mean no more than `spreadFactor` × the
 * ring's own texture does (+ 4 grey levels) — yet differs from the model: the model is wrong there, a ghost. (A real
 * object that differs from the model stands out from the ground around it.) Not a ghost when too little of its
 * surroundings is background to tell.
 */
export function looksLikeSurroundings(
  cur: Float32Array,
  fg: Uint8Array,
  w: number,
  h: number,
  b: Blob,
  spreadFactor: number,
): boolean {
  const pad = Math.max(2, Math.round(0.5 * Math.min(b.x2 - b.x1 + 1, b.y2 - b.y1 + 1)));
  const c = contrasts(cur, fg, w, h, b, pad);
  return c !== undefined && c.cur <= spreadFactor * c.spread + 4;
}

/** A place a person or vehicle stood: the box where it was first seen, and since when / until when it stood there. */
export interface Occupant {
  readonly box: Box;
  readonly since: number;
  readonly lastSeen: number;
}

/**
 * Occupants after this frame's person/vehicle boxes (relative): a box matching an occupant's place (IoU > 0.5)
 * keeps it; other boxes start new ones; occupants unseen for `keepMs` are forgotten.
 */
export function updateOccupants(
  list: readonly Occupant[],
  boxes: readonly Box[],
  now: number,
  keepMs: number,
): Occupant[] {
  const used = new Set<Box>();
  const next = list.map((o) => {
    const b = boxes.find((x) => !used.has(x) && boxIou(x, o.box) > 0.5);
    if (!b) return o;
    used.add(b);
    return { ...o, lastSeen: now };
  });
  for (const b of boxes) if (!used.has(b)) next.push({ box: b, since: now, lastSeen: now });
  return next.filter((o) => now - o.lastSeen <= keepMs).slice(-64);
}

/**
 * The region (relative box) began to differ at `onset` just after an occupant that had stood over it for a while
 * was last seen there: the place it left, not something it left.
 */
export function leftBehindBy(
  region: Box,
  onset: number,
  occupants: readonly Occupant[],
  p: { readonly minStayMs: number; readonly slackMs: number },
): boolean {
  return occupants.some(
    (o) =>
      onset > o.lastSeen &&
      onset - o.lastSeen <= p.slackMs &&
      onset - o.since >= p.minStayMs &&
      coveredBy(region, expand(o.box, 0.25 * Math.max(o.box.x2 - o.box.x1, o.box.y2 - o.box.y1))) >= 0.5,
  );
}
