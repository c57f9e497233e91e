/** Detections → candidates of one zone: the watched concepts whose footprint lies in the zone polygon. */
import type { Concept, Detection } from '../../kernel/types/index.ts';
import { relBox } from './geometry.ts';
import type { Candidate } from './observation.ts';
import { inZone, type Zone } from './zones.ts';

const hasAny = (have: readonly Concept[], want: readonly Concept[]): boolean => have.some((c) => want.includes(c));

export function zoneCandidates(
  zone: Pick<Zone, 'polygon' | 'concepts' | 'anchorConcepts'>,
  detections: readonly Detection[],
  width: number,
  height: number,
): Candidate[] {
  const out: Candidate[] = [];
  for (const d of detections) {
    if (!hasAny(d.concepts, zone.concepts)) continue;
    const region = relBox(d.box, width, height);
    if (!inZone(zone, region)) continue;
    out.push({
      region,
      label: d.label,
      score: d.score,
      concepts: d.concepts,
      anchor: hasAny(d.concepts, zone.anchorConcepts),
    });
  }
  return out;
}
