/**
 * Before / after for 核查: which of a case's evidence items are its "before" images (what was reported or seen by a
 * camera), the unit's feedback photos ("after", attached by a handler) and the inspectors' on-site check photos,
 * read from who attached each file on the timeline.
 */
import type { Case, CaseTimelineEntry } from '../../kernel/types/index.ts';

export interface PhotoSides {
  /** Indexes into case.evidence. */
  readonly before: number[];
  readonly after: number[];
  readonly checks: number[];
}

const IMAGE_KINDS = new Set(['snapshot', 'annotated', 'photo']);

export function photoSides(c: Case, timeline: readonly CaseTimelineEntry[]): PhotoSides {
  const byRole = new Map<string, string>();
  for (const e of timeline) {
    if (e.action !== 'attached') continue;
    const paths = e.data?.evidence;
    if (!Array.isArray(paths)) continue;
    for (const p of paths) if (typeof p === 'string' && !byRole.has(p)) byRole.set(p, e.role);
  }
  const out: PhotoSides = { before: [], after: [], checks: [] };
  c.evidence.forEach((ev, i) => {
    if (!IMAGE_KINDS.has(ev.kind)) return;
    const role = byRole.get(ev.path);
    if (role === 'handler') out.after.push(i);
    else if (role !== undefined && ev.kind === 'photo' && c.handledAt !== undefined && ev.ts >= c.handledAt)
      out.checks.push(i); // taken on site after the feedback: the 核查 photos
    else out.before.push(i);
  });
  return out;
}
