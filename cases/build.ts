/** A new case from what is known at report time: grid cell, routed unit and contractor filled from the catalog. */
import { InputError } from '../kernel/errors.ts';
import type { LatLon } from '../kernel/geo.ts';
import { msg, type Text } from '../kernel/messages/text.ts';
import type { Case, Evidence } from '../kernel/types/index.ts';
import type { Catalog } from './catalog.ts';

/** What a report knows: the Case's own fields (see kernel/types/case.ts); id, status, unit and times are filled in. */
export interface NewCase
  extends Pick<
    Case,
    | 'source'
    | 'category'
    | 'description'
    | 'gridCell'
    | 'address'
    | 'cameraId'
    | 'zoneId'
    | 'vehicleId'
    | 'contractor'
    | 'mediaUrl'
  > {
  readonly location?: LatLon;
  /** A generated description (kernel/messages); `description` is then its rendering in server.locale. */
  readonly descriptionText?: Text;
  readonly evidence?: readonly Evidence[];
  /** Hit / violation / request ids; each may belong to one case only. */
  readonly refs?: readonly string[];
}

export function buildCase(input: NewCase, catalog: Catalog, id: string, now: number): Case {
  if (!catalog.category(input.category))
    throw new InputError(`category: unknown category "${input.category}"`, {
      text: msg('cases.refuse.unknownCategory', { category: input.category }),
    });
  const gridCell = input.gridCell ?? (input.location ? catalog.locate(input.location) : undefined);
  const unitId = catalog.route(input.category, gridCell);
  const contractor = catalog.contractor(input.contractor, unitId);
  return {
    id,
    source: input.source,
    category: input.category,
    status: 'reported',
    description: input.description,
    ...(input.descriptionText ? { descriptionText: input.descriptionText } : {}),
    evidence: uniqueEvidence([], input.evidence ?? []),
    createdAt: now,
    updatedAt: now,
    sourceRefs: [...new Set(input.refs ?? [])],
    ...(gridCell !== undefined ? { gridCell } : {}),
    ...(input.location ? { location: { lat: input.location.lat, lon: input.location.lon } } : {}),
    ...(unitId !== undefined ? { unitId } : {}),
    ...(contractor !== undefined ? { contractor } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.cameraId !== undefined ? { cameraId: input.cameraId } : {}),
    ...(input.zoneId !== undefined ? { zoneId: input.zoneId } : {}),
    ...(input.vehicleId !== undefined ? { vehicleId: input.vehicleId } : {}),
    ...(input.mediaUrl !== undefined ? { mediaUrl: input.mediaUrl } : {}),
  };
}

/** `have` plus the items of `add` whose content (sha256 + kind) is not there yet. */
export function uniqueEvidence(have: readonly Evidence[], add: readonly Evidence[]): Evidence[] {
  const out = [...have];
  const seen = new Set(have.map((e) => `${e.kind}:${e.sha256}`));
  for (const e of add) {
    const key = `${e.kind}:${e.sha256}`;
    if (!seen.has(key)) out.push(e);
    seen.add(key);
  }
  return out;
}
