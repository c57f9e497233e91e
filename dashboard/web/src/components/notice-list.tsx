/** The user's notices as a list (newest first, unread marked): the desktop bell's panel and the phone 通知 page. */
import { fmt } from '../i18n/fmt.ts';
import { t } from '../i18n/index.ts';
import { categoryName } from '../lib/config.ts';
import { markRead, noticeLink, noticeStore, noticeTitle } from '../lib/notices.ts';
import { href } from '../lib/router.ts';
import type { Role } from '../lib/session.ts';
import { useStore } from '../lib/store.ts';

export function NoticeList({ role, phone, onPick }: { role: Role; phone: boolean; onPick?: () => void }) {
  const { notices, unread } = useStore(noticeStore);
  return (
    <div class="notice-list" data-testid="notice-list">
      <div class="notice-list-head">
        <span>{t('inspector.notices.unread', { n: unread })}</span>
        {unread > 0 && (
          <button type="button" class="notice-read-all" onClick={() => void markRead()}>
            {t('inspector.notices.readAll')}
          </button>
        )}
      </div>
      {notices.length === 0 && <p class="empty">{t('inspector.notices.none')}</p>}
      <ul>
        {notices.map((n) => (
          <li key={n.id} class={n.read ? 'read' : 'unread'} data-kind={n.kind} data-case={n.caseId}>
            <a
              href={href(noticeLink(n, role, phone))}
              onClick={() => {
                if (!n.read) void markRead([n.id]);
                onPick?.();
              }}
            >
              <strong>{noticeTitle(n)}</strong>
              <span class="notice-case">
                {n.caseId} · {n.category} {categoryName(n.category)}
              </span>
              {n.reason && <span class="notice-reason">{n.reason}</span>}
              <span class="muted">
                {fmt.dateTime(n.at)}
                {n.gridCell ? ` · ${n.gridCell}` : ''}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
