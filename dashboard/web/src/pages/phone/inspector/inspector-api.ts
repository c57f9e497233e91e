/** The inspector's API calls (城管通): problem reports and on-site 核查, both multipart forms with photos. */
import { localeStore, t } from '../../../i18n/index.ts';
import { api, ApiError, type FieldProblem } from '../../../lib/api.ts';
import { sessionStore } from '../../../lib/session.ts';
import type { Case, CaseTimelineEntry } from '../../../lib/types.ts';

export interface PhotoSides {
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly checks: readonly number[];
}

export interface Task {
  readonly case: Case;
  readonly photos: PhotoSides;
}

export interface TaskList {
  readonly items: readonly Task[];
  readonly total: number;
  readonly cells: readonly string[];
}

export interface TaskDetail extends Task {
  readonly timeline: readonly (CaseTimelineEntry & { readonly actorName?: string })[];
  readonly actions: readonly { readonly action: string }[];
}

export interface ReportInput {
  readonly category: string;
  readonly description: string;
  readonly lat: number;
  readonly lon: number;
  readonly address?: string;
  /** This report's id on the phone: sending it again never makes a second case. */
  readonly clientId: string;
  readonly photos: readonly Blob[];
}

export interface ReportResult {
  readonly id: string;
  readonly merged: boolean;
  readonly repeated: boolean;
}

/** POST a multipart form with the session's CSRF token; errors as ApiError with the server's localised message. */
async function postForm<T>(path: string, form: FormData, extra: Record<string, string> = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': localeStore.get(), ...extra });
  const csrf = sessionStore.get()?.csrf;
  if (csrf) headers.set('X-CSRF-Token', csrf);
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(t('errors.network'), 0, 'network');
  }
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    message?: string;
    field?: string;
    issues?: FieldProblem[];
  };
  if (!res.ok) {
    const code = body.error ?? `http_${res.status}`;
    throw new ApiError(body.message ?? code, res.status, code, body.field, body.issues ?? []);
  }
  return body as T;
}

function withPhotos(fields: Record<string, string>, photos: readonly Blob[]): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [i, p] of photos.entries()) f.append('photo', p, `photo-${i + 1}.jpg`);
  return f;
}

export function sendReport(r: ReportInput): Promise<ReportResult> {
  const fields: Record<string, string> = {
    category: r.category,
    description: r.description,
    lat: r.lat.toFixed(7),
    lon: r.lon.toFixed(7),
    clientId: r.clientId,
    ...(r.address ? { address: r.address } : {}),
  };
  return postForm<ReportResult>('/api/inspector/reports', withPhotos(fields, r.photos));
}

export const listTasks = (): Promise<TaskList> => api.get<TaskList>('/api/inspector/tasks');

export const getTask = (id: string): Promise<TaskDetail> =>
  api.get<TaskDetail>(`/api/inspector/tasks/${encodeURIComponent(id)}`);

/** `key`: the Idempotency-Key of this decision (the same on every resend of it). */
export function sendCheck(
  id: string,
  decision: 'verify' | 'rework',
  reason: string,
  photos: readonly Blob[],
  key: string,
): Promise<{ case: Case }> {
  const path = `/api/inspector/tasks/${encodeURIComponent(id)}/check`;
  return postForm(path, withPhotos({ decision, reason }, photos), { 'Idempotency-Key': key });
}
