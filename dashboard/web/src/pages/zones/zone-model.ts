/** A zone while it is edited (the camera is implied by the page) and the conversions to and from the API. */
import type { ZoneConfig } from '../../lib/types.ts';

export type EditZone = Omit<ZoneConfig, 'camera'>;

export function toEdit(z: ZoneConfig): EditZone {
  const { camera: _camera, ...rest } = z;
  return rest;
}

export function newZone(cameraId: string, existing: readonly EditZone[], polygon: [number, number][]): EditZone {
  let n = existing.length + 1;
  while (existing.some((z) => z.id === `${cameraId}-z${n}`)) n++;
  return { id: `${cameraId}-z${n}`, kind: 'no-vending', polygon };
}

/** What 保存 may send while a shape may still be open. */
export type SaveCheck =
  | { readonly kind: 'ok'; readonly zones: EditZone[]; readonly finished: boolean }
  | { readonly kind: 'incomplete'; readonly points: number };

/**
 * The zones to save: an open shape with 3 or more corners is finished into a new zone (`finished`, after the user
 * agreed), one with 1–2 corners cannot be a zone and stops the save (nothing is discarded silently); drawing mode with
 * no corner yet is simply left.
 */
export function zonesToSave(
  cameraId: string,
  zones: readonly EditZone[],
  drawing: readonly [number, number][] | undefined,
): SaveCheck {
  if (!drawing || drawing.length === 0) return { kind: 'ok', zones: [...zones], finished: false };
  if (drawing.length < 3) return { kind: 'incomplete', points: drawing.length };
  return { kind: 'ok', zones: [...zones, newZone(cameraId, zones, [...drawing])], finished: true };
}
