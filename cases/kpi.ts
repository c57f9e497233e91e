/**
 * Case KPIs over a period, pure. Cohort = cases registered (立案) in [from, to); everything is evaluated with the
 * events up to `asOf` = min(to, now) (before `to`, at or before now). Exact definitions (also in cases/README.md):
 *   立案数 registered      |R|, R = cases whose first `register` is in [from, to)
 *   结案数 closed          cases of R with a `verify` (→ closed) before asOf;  结案率 = closed / registered
 *   应处置数 due           cases of R dispatched before asOf (they have a deadline)
 *   处置数 handled         cases of `due` with a `handle` before asOf (the latest one counts)
 *   按期处置数             cases of `due` whose latest handle ≤ deadline;       按期处置率 = 按期处置数 / due
 *   按期结案数             cases of R closed ≤ deadline;                        按期结案率 = 按期结案数 / registered
 *   返工数 reworked        cases of R with ≥ 1 `rework` before asOf;            返工率 = reworked / registered
 *   超期未处置             cases of `due` that at asOf are dispatched or handling and whose deadline < asOf
 *   平均处置时长           mean over handled cases of (latest handle − first dispatch), in hours and working hours
 *   督办件数 supervised    cases of R with an `escalate` (督办) before asOf
 * The deadline is the case's final one (extensions and suspensions included). Rates are null on a 0 denominator.
 */
import type { CaseSource, CaseStatus } from '../kernel/types/index.ts';

export interface KpiEvent {
  readonly ts: number;
  readonly action: string;
  readonly to?: CaseStatus;
}

export interface KpiCase {
  readonly id: string;
  readonly category: string;
  readonly gridCell?: string;
  readonly unitId?: string;
  readonly contractor?: string;
  readonly source?: CaseSource;
  readonly deadline?: number;
  /** The case's timeline in order. */
  readonly events: readonly KpiEvent[];
}

export interface KpiRow {
  readonly key: string;
  readonly registered: number;
  readonly closed: number;
  readonly closeRate: number | null;
  readonly due: number;
  readonly handled: number;
  readonly handledOnTime: number;
  readonly handledOnTimeRate: number | null;
  readonly closedOnTime: number;
  readonly closedOnTimeRate: number | null;
  readonly reworked: number;
  readonly reworkRate: number | null;
  readonly overdueUnhandled: number;
  readonly avgHandlingHours: number | null;
  readonly avgHandlingWorkHours: number | null;
  readonly supervised: number;
}

export interface KpiReport {
  readonly from: number;
  readonly to: number;
  readonly asOf: number;
  readonly total: KpiRow;
  readonly byUnit: readonly KpiRow[];
  readonly byGrid: readonly KpiRow[];
  readonly byCategory: readonly KpiRow[];
  readonly byContractor: readonly KpiRow[];
}

/** What a case's timeline says at the cut-off: the input of every figure. */
export interface Facts {
  readonly c: KpiCase;
  readonly dispatchedAt?: number;
  readonly handledAt?: number;
  readonly closedAt?: number;
  readonly reworks: number;
  readonly supervised: boolean;
  readonly status?: CaseStatus;
}

const H = 3_600_000;
const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

export function facts(c: KpiCase, cutoff: number): Facts {
  let dispatchedAt: number | undefined;
  let handledAt: number | undefined;
  let closedAt: number | undefined;
  let status: CaseStatus | undefined;
  let reworks = 0;
  let supervised = false;
  for (const e of c.events) {
    if (e.ts >= cutoff) break;
    if (e.to) status = e.to;
    if (e.action === 'dispatch') dispatchedAt ??= e.ts;
    else if (e.action === 'handle') handledAt = e.ts;
    else if (e.action === 'verify') closedAt = e.ts;
    else if (e.action === 'rework') reworks++;
    else if (e.action === 'escalate') supervised = true;
  }
  return { c, dispatchedAt, handledAt, closedAt, reworks, supervised, status };
}

/** The counted figures; a statistic's drill-down lists the cases of `FIGURES[f](fact, asOf)`. */
export const FIGURE_NAMES = [
  'registered',
  'closed',
  'due',
  'handled',
  'handledOnTime',
  'closedOnTime',
  'reworked',
  'overdueUnhandled',
  'supervised',
] as const;
export type Figure = (typeof FIGURE_NAMES)[number];

const isDue = (f: Facts): boolean => f.dispatchedAt !== undefined && f.c.deadline !== undefined;
const isHandled = (f: Facts): boolean => isDue(f) && f.handledAt !== undefined;

export const FIGURES: Readonly<Record<Figure, (f: Facts, asOf: number) => boolean>> = {
  registered: () => true,
  closed: (f) => f.closedAt !== undefined,
  due: isDue,
  handled: isHandled,
  handledOnTime: (f) => isHandled(f) && f.handledAt! <= f.c.deadline!,
  closedOnTime: (f) => f.closedAt !== undefined && f.c.deadline !== undefined && f.closedAt <= f.c.deadline,
  reworked: (f) => f.reworks > 0,
  overdueUnhandled: (f, asOf) =>
    isDue(f) && (f.status === 'dispatched' || f.status === 'handling') && f.c.deadline! < asOf,
  supervised: (f) => f.supervised,
};

export function kpiRow(
  key: string,
  cohort: readonly Facts[],
  asOf: number,
  workHours: (a: number, b: number) => number,
): KpiRow {
  const count = (fig: Figure): number => cohort.filter((f) => FIGURES[fig](f, asOf)).length;
  const handled = cohort.filter((f) => FIGURES.handled(f, asOf));
  const [n, closed, due] = [cohort.length, count('closed'), count('due')];
  const [handledOnTime, closedOnTime, reworked] = [count('handledOnTime'), count('closedOnTime'), count('reworked')];
  return {
    key,
    registered: n,
    closed,
    closeRate: rate(closed, n),
    due,
    handled: handled.length,
    handledOnTime,
    handledOnTimeRate: rate(handledOnTime, due),
    closedOnTime,
    closedOnTimeRate: rate(closedOnTime, n),
    reworked,
    reworkRate: rate(reworked, n),
    overdueUnhandled: count('overdueUnhandled'),
    avgHandlingHours: mean(handled.map((f) => (f.handledAt! - f.dispatchedAt!) / H)),
    avgHandlingWorkHours: mean(handled.map((f) => workHours(f.dispatchedAt!, f.handledAt!))),
    supervised: count('supervised'),
  };
}

export function groups(
  cohort: readonly Facts[],
  key: (c: KpiCase) => string | undefined,
  asOf: number,
  wh: (a: number, b: number) => number,
): KpiRow[] {
  const by = new Map<string, Facts[]>();
  for (const f of cohort) {
    const k = key(f.c);
    if (k === undefined) continue;
    const list = by.get(k);
    if (list) list.push(f);
    else by.set(k, [f]);
  }
  return [...by.keys()].sort().map((k) => kpiRow(k, by.get(k)!, asOf, wh));
}

/**
 * The cohort of a period: cases registered in [from, to) (before `to`, at or before now), their facts at the cut-off,
 * less those cancelled (作废) as false alarms by asOf — never real problems.
 */
export function kpiCohort(
  cases: readonly KpiCase[],
  period: { readonly from: number; readonly to: number; readonly now: number },
): { readonly asOf: number; readonly cohort: Facts[] } {
  const asOf = Math.min(period.to, period.now);
  /** Events strictly before this count: before `to`, and at or before now. */
  const cutoff = Math.min(period.to, period.now + 1);
  const cohort = cases
    .filter((c) => {
      const reg = c.events.find((e) => e.action === 'register')?.ts;
      return reg !== undefined && reg >= period.from && reg < cutoff;
    })
    .map((c) => facts(c, cutoff))
    .filter((f) => f.status !== 'cancelled');
  return { asOf, cohort };
}

export function computeKpis(
  cases: readonly KpiCase[],
  period: { readonly from: number; readonly to: number; readonly now: number },
  workHours: (a: number, b: number) => number,
): KpiReport {
  const { asOf, cohort } = kpiCohort(cases, period);
  return {
    from: period.from,
    to: period.to,
    asOf,
    total: kpiRow('total', cohort, asOf, workHours),
    byUnit: groups(cohort, (c) => c.unitId ?? '(none)', asOf, workHours),
    byGrid: groups(cohort, (c) => c.gridCell ?? '(none)', asOf, workHours),
    byCategory: groups(cohort, (c) => c.category, asOf, workHours),
    byContractor: groups(cohort, (c) => c.contractor, asOf, workHours),
  };
}
