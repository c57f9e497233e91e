/** The outbox's steps over the cases API, each with its Idempotency-Key; network failures and 5xx are transient. */
import { ApiError, request } from '../../../lib/api.ts';
import { type PendingWrite, SendError, type Transport } from './queue.ts';

async function call<T>(path: string, body: unknown, key: string): Promise<T> {
  try {
    return await request<T>('POST', path, body, { headers: { 'Idempotency-Key': key } });
  } catch (err) {
    if (!(err instanceof ApiError)) throw new SendError(String(err), true);
    throw new SendError(err.message, err.status === 0 || err.status >= 500, err.status, err.current);
  }
}

const casePath = (w: PendingWrite): string => `/api/cases/${encodeURIComponent(w.caseId)}`;

export const apiTransport: Transport = {
  async photo(w, n, key) {
    const p = w.photos[n]!;
    const form = new FormData();
    form.set('photo', new File([p.blob], `feedback-${n + 1}.jpg`, { type: 'image/jpeg' }));
    form.set('takenAt', String(Math.round(p.takenAt)));
    if (p.position) {
      form.set('lat', String(p.position.lat));
      form.set('lon', String(p.position.lon));
      if (p.position.accuracy !== undefined) form.set('accuracy', String(p.position.accuracy));
    }
    if (w.seen !== undefined) form.set('seen', String(w.seen));
    return call<{ updatedAt: number }>(`${casePath(w)}/photos`, form, key);
  },
  async action(w, key) {
    const body = {
      ...(w.reason ? { reason: w.reason } : {}),
      ...(w.hours !== undefined ? { hours: w.hours } : {}),
      ...(w.seen !== undefined ? { seen: w.seen } : {}),
    };
    await call(`${casePath(w)}/actions/${w.action}`, body, key);
  },
};
