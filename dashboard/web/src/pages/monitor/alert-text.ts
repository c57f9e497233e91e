/** How an alert reads: its title and the place it is about. */
import { t } from '../../i18n/index.ts';
import { cameraName, categoryName, vehicleName } from '../../lib/config.ts';
import type { Alert } from '../../lib/types.ts';

export function alertTitle(a: Alert): string {
  switch (a.kind) {
    case 'hit':
    case 'violation':
      return categoryName(a.category);
    default:
      return t(`alert.kind.${a.kind}`);
  }
}

export function alertPlace(a: Alert): string {
  if (a.cameraId) return cameraName(a.cameraId);
  if (a.vehicleId) return vehicleName(a.vehicleId);
  return '—';
}
