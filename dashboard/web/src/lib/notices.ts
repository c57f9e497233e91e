/**
 * The logged-in user's in-app notices (站内通知): loaded once, kept current by the live feed's `notice` events (sent
 * to this user only), marked read on the server. One store for the desktop bell and the phone tab badge.
 */
import type { InboxNotice } from '../../../../kernel/types/index.ts';
import { t } from '../i18n/index.ts';
import { api, query } from './api.ts';
import { onLive } from './live.ts';
import type { Role } from './session.ts';
import { createStore } from './store.ts';

export type { InboxNotice };

export interface NoticeState {
  readonly notices: readonly InboxNotice[];
  readonly unread: number;
}

export const noticeStore = createStore<NoticeState>({ notices: [], unread: 0 });

let off: (() => void) | undefined;

/** Load the list (at each login) and follow the live feed (`stopNotices` at logout). */
export function startNotices(): void {
  off ??= onLive('notice', (data) => {
    const { notice, unread } = data as { notice: InboxNotice; unread: number };
    noticeStore.update((s) => ({ notices: [notice, ...s.notices.filter((n) => n.id !== notice.id)], unread }));
  });
  void api.get<NoticeState>(`/api/notices${query({ limit: 50 })}`).then(
    (s) => noticeStore.set(s),
    () => undefined, // the bell stays empty; the next live notice fills it
  );
}

export function stopNotices(): void {
  off?.();
  off = undefined;
  noticeStore.set({ notices: [], unread: 0 });
}

/** Mark some (or all) read; the store follows the server's answer. */
export async function markRead(ids?: readonly number[]): Promise<void> {
  const res = await api.post<{ unread: number }>('/api/notices/read', ids ? { ids } : {});
  noticeStore.update((s) => ({
    unread: res.unread,
    notices: s.notices.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)),
  }));
}

/** The notice's title in the UI language. */
export function noticeTitle(n: InboxNotice): string {
  if (n.kind === 'extension-decided')
    return t(n.approved ? 'inspector.notice.extension-approved' : 'inspector.notice.extension-denied');
  return t(`inspector.notice.${n.kind}`);
}

/** Where a notice leads: the phone's 核查 page for an inspector, the phone task for a handler on the phone. */
export function noticeLink(n: InboxNotice, role: Role, phone: boolean): readonly string[] {
  if (role === 'inspector') return ['phone', 'check', n.caseId];
  if (phone && role === 'handler') return ['phone', 'case', n.caseId];
  return ['cases', n.caseId];
}
