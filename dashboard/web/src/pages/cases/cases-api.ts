/** The case API (cases/routes.ts): list with filters, detail with timeline and allowed actions, transitions. */
import type { CaseAction } from '../../../../../kernel/types/case.ts';
import { api, query } from '../../lib/api.ts';
import { dayStart } from '../../lib/day-start.ts';
import type { Case, CaseTimelineEntry } from '../../lib/types.ts';

export type { CaseAction };

export interface CaseFilter {
  readonly status?: string;
  readonly category?: string;
  readonly grid?: string;
  readonly unit?: string;
  readonly overdue?: string;
  /** Search text (cases/search.ts). */
  readonly q?: string;
  /** Created from this day (YYYY-MM-DD, calendar zone) to `to` inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly page?: string;
  // statistics drill-down (cases/README.md): the cases counted in `figure` over [periodFrom, periodTo)
  readonly source?: string;
  readonly contractor?: string;
  readonly cell?: string;
  readonly street?: string;
  readonly community?: string;
  readonly figure?: string;
  readonly periodFrom?: string;
  readonly periodTo?: string;
}

/** The statistics page's drill-down filters, kept in the case board's URL. */
export const DRILL_KEYS = [
  'source',
  'contractor',
  'cell',
  'street',
  'community',
  'figure',
  'periodFrom',
  'periodTo',
] as const satisfies readonly (keyof CaseFilter)[];

export interface CasePage {
  readonly items: readonly Case[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface AllowedAction {
  readonly action: CaseAction;
  readonly label: string;
}

export interface CaseDetail {
  readonly case: Case;
  readonly timeline: readonly CaseTimelineEntry[];
  readonly actions: readonly AllowedAction[];
}

export interface ActionInput {
  readonly reason?: string;
  readonly unit?: string;
  readonly hours?: number;
  readonly score?: number;
}

export const PAGE_SIZE = 50;

export const listCases = (f: CaseFilter): Promise<CasePage> => {
  const days = { from: f.from && dayStart(f.from), to: f.to && dayStart(f.to, 1) };
  return api.get<CasePage>(`/api/cases${query({ ...f, ...days, pageSize: PAGE_SIZE })}`);
};
export const getCase = (id: string): Promise<CaseDetail> => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
export const actOnCase = (
  id: string,
  action: CaseAction,
  input: ActionInput,
): Promise<{ case: Case; actions: AllowedAction[] }> =>
  api.post(`/api/cases/${encodeURIComponent(id)}/actions/${action}`, input);
export const caseEvidenceUrl = (id: string, n: number): string => `/api/cases/${encodeURIComponent(id)}/evidence/${n}`;

/** Open = not closed or rejected; overdue = dispatched/handling past the deadline. */
export const isOverdue = (c: Case, now: number): boolean =>
  (c.status === 'dispatched' || c.status === 'handling') && c.deadline !== undefined && c.deadline < now;
