/** Bus events → alerts: pure functions, so the mapping is tested without a bus or a database. */
import type { HitEvent, ViolationEvent } from '../kernel/bus.ts';
import type { CameraStatus, Evidence, VehicleStatus } from '../kernel/types/index.ts';
import { msg } from '../kernel/messages/text.ts';
import { defaultTexts, type Texts } from '../kernel/messages/texts.ts';
import type { Alert } from './alert-types.ts';

export function thumbnailOf(evidence: readonly Evidence[]): string | undefined {
  const pick =
    evidence.find((e) => e.kind === 'annotated') ?? evidence.find((e) => e.kind === 'snapshot' || e.kind === 'photo');
  return pick?.path;
}

/** A hit's alert; its detail in server.locale (`texts`). */
export function hitAlert(e: HitEvent, texts: Texts = defaultTexts): Alert {
  const h = e.hit;
  return {
    id: `hit:${h.id}`,
    kind: 'hit',
    ts: h.start,
    severity: h.repeat > 1 ? 'critical' : 'warning',
    category: h.category,
    cameraId: h.cameraId,
    zoneId: h.zoneId,
    hitId: h.id,
    ...(h.location ? { location: h.location } : {}),
    ...(h.gridCell ? { gridCell: h.gridCell } : {}),
    ...(h.repeat > 1 ? { detail: texts.render(msg('common.repeatToday', { repeat: h.repeat })) } : {}),
    ...(thumbnailOf(h.evidence) ? { thumbnail: thumbnailOf(h.evidence) } : {}),
    evidence: h.evidence,
    ...(e.phase === 'end' ? { resolvedAt: h.end ?? h.lastSeen } : {}),
    ...(h.suppressed ? { suppressed: h.suppressed } : {}),
  };
}

/** A violation's alert; its detail in server.locale (`texts`). */
export function violationAlert(e: ViolationEvent, texts: Texts = defaultTexts): Alert {
  const v = e.violation;
  return {
    id: `violation:${v.id}`,
    kind: 'violation',
    ts: v.start,
    severity: 'warning',
    category: v.category,
    vehicleId: v.vehicleId,
    violationId: v.id,
    location: v.where,
    detail: v.text ? texts.render(v.text) : v.description,
    evidence: [],
    ...(e.phase === 'end' && v.end !== undefined ? { resolvedAt: v.end } : {}),
  };
}

const DOWN = new Set(['offline', 'stalled']);

/** A camera alert when it goes down (not again while it stays down); `open` is the alert id still open for it. */
export function cameraAlert(
  s: CameraStatus,
  open: string | undefined,
  texts: Texts = defaultTexts,
): { open?: Alert; resolve?: string } {
  if (DOWN.has(s.state)) {
    if (open) return {};
    const alert: Alert = {
      id: `camera:${s.cameraId}:${s.ts}`,
      kind: 'camera-offline',
      ts: s.ts,
      severity: 'critical',
      cameraId: s.cameraId,
      detail: texts.render(s.state === 'stalled' ? msg('common.camera.stalled') : msg('common.camera.offline')),
      evidence: [],
    };
    return { open: alert };
  }
  return s.state === 'online' && open ? { resolve: open } : {};
}

export function vehicleAlert(
  s: VehicleStatus,
  open: string | undefined,
  texts: Texts = defaultTexts,
): { open?: Alert; resolve?: string } {
  if (!s.online) {
    if (open) return {};
    const alert: Alert = {
      id: `vehicle:${s.vehicleId}:${s.ts}`,
      kind: 'vehicle-offline',
      ts: s.ts,
      severity: 'warning',
      vehicleId: s.vehicleId,
      detail: texts.render(msg('common.vehicle.offline')),
      evidence: [],
    };
    return { open: alert };
  }
  return open ? { resolve: open } : {};
}
