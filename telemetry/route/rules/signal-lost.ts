/**
 * Signal lost: no fix for longer than `maxGapS` while on duty. Found live by clock ticks (opened at the last fix,
 * closed by the next fix) and, for recorded traces, by the gap between two fixes (opened and closed at once). The
 * clock measures silence from the newest fix's arrival when that is later than its time: a backlog uploaded late
 * (old fix times, arriving now) is not a lost signal; its own gaps over `maxGapS` are found between its fixes.
 */
import { change, type Episode } from './episode.ts';
import type { LatLon } from '../../../kernel/geo.ts';
import { type RouteEvent, type RuleResult, NONE } from './types.ts';
import { at, msg, type Text } from '../../../kernel/messages/text.ts';

export interface SignalLostParams {
  readonly maxGapS: number;
}

export interface SignalLostState {
  readonly lastTs?: number;
  readonly lastWhere?: LatLon;
  readonly lastOnDuty?: boolean;
  readonly open?: Episode;
}

const describe = (fromTs: number, toTs: number | null, maxGapS = -1): Text =>
  toTs === null
    ? msg('telemetry.signalLost.since', { time: at(fromTs) })
    : (toTs - fromTs) / 1000 <= maxGapS
      ? msg('telemetry.signalLost.late', { max: maxGapS, gap: Math.round((toTs - fromTs) / 1000) })
      : msg('telemetry.signalLost.for', { seconds: Math.round((toTs - fromTs) / 1000) });

export function signalLostRule(
  s: SignalLostState,
  e: RouteEvent,
  p: SignalLostParams,
  now: number,
): RuleResult<SignalLostState> {
  if (e.type === 'fix') {
    const f = e.fix;
    const next: SignalLostState = { lastTs: f.ts, lastWhere: f, lastOnDuty: f.onDuty };
    if (s.open)
      return {
        state: next,
        violations: [change({ ...s.open, text: describe(s.open.start, f.ts, p.maxGapS) }, 'end', f.ts)],
      };
    if (s.lastTs !== undefined && s.lastWhere && (f.ts - s.lastTs) / 1000 > p.maxGapS && (f.onDuty || s.lastOnDuty)) {
      const ep: Episode = {
        kind: 'signal-lost',
        start: s.lastTs,
        where: s.lastWhere,
        track: [],
        lastEmit: f.ts,
        text: describe(s.lastTs, f.ts),
      };
      return { state: next, violations: [change(ep, 'start'), change(ep, 'end', f.ts)] };
    }
    return { state: next, violations: NONE };
  }
  if (e.type === 'tick') {
    const last = Math.max(s.lastTs ?? -Infinity, e.lastFixTs ?? -Infinity);
    // silent since the newest fix's time or its arrival, whichever is later (a backlog arrives now with old times)
    const silentSince = Math.max(last, e.lastArrival ?? -Infinity);
    const onDuty = e.window !== null || !e.windowsDefined;
    if (s.open || !s.lastWhere || !Number.isFinite(last) || !onDuty || (now - silentSince) / 1000 <= p.maxGapS)
      return { state: s, violations: NONE };
    const open: Episode = {
      kind: 'signal-lost',
      start: last,
      where: s.lastWhere,
      track: [],
      lastEmit: now,
      text: describe(last, null),
    };
    return { state: { ...s, open }, violations: [change(open, 'start')] };
  }
  return { state: s, violations: NONE };
}
