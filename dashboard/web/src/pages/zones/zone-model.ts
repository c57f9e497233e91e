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
