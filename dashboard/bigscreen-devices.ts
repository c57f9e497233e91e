/**
 * Camera and vehicle availability for the 大屏 (pure): online now ÷ configured, and blind-spot time (盲区时长) —
 * the minutes devices were offline today, from the offline alerts' outages (start → resolved, or still going).
 */
export interface Outage {
  readonly id: string;
  readonly from: number;
  /** Undefined while it goes on. */
  readonly to?: number;
}

export interface Availability {
  readonly total: number;
  readonly online: number;
  /** online ÷ total; null without devices. */
  readonly onlineRate: number | null;
  /** Σ minutes offline in [from, now] over all devices. */
  readonly blindMinutes: number;
  /** 1 − blind time ÷ (devices × elapsed time); null without devices or elapsed time. */
  readonly availability: number | null;
  /** The devices offline longest today first, with their minutes. */
  readonly worst: readonly { readonly id: string; readonly minutes: number }[];
}

export function availability(
  ids: readonly string[],
  online: ReadonlySet<string>,
  outages: readonly Outage[],
  window: { readonly from: number; readonly now: number },
): Availability {
  const known = new Set(ids);
  const per = new Map<string, number>();
  for (const o of outages) {
    if (!known.has(o.id)) continue;
    const a = Math.max(o.from, window.from);
    const b = Math.min(o.to ?? window.now, window.now);
    if (b > a) per.set(o.id, (per.get(o.id) ?? 0) + (b - a));
  }
  const blindMs = [...per.values()].reduce((s, v) => s + v, 0);
  const elapsed = window.now - window.from;
  const n = ids.filter((id) => online.has(id)).length;
  return {
    total: ids.length,
    online: n,
    onlineRate: ids.length === 0 ? null : n / ids.length,
    blindMinutes: Math.round(blindMs / 60_000),
    availability: ids.length === 0 || elapsed <= 0 ? null : Math.max(0, 1 - blindMs / (ids.length * elapsed)),
    worst: [...per.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 5)
      .map(([id, ms]) => ({ id, minutes: Math.round(ms / 60_000) })),
  };
}
