/** The desktop header's notice bell: the unread count as a badge, the list in a panel below it. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { noticeStore } from '../lib/notices.ts';
import type { Role } from '../lib/session.ts';
import { useStore } from '../lib/store.ts';
import { NoticeList } from './notice-list.tsx';

export function NoticeBell({ role }: { role: Role }) {
  const { unread } = useStore(noticeStore);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [open]);
  return (
    <div class="notice-bell" ref={box}>
      <button
        type="button"
        class="btn ghost notice-bell-btn"
        aria-label={t('inspector.notices.bell')}
        aria-expanded={open}
        data-testid="notice-bell"
        onClick={() => setOpen(!open)}
      >
        {t('inspector.notices.bell')}
        {unread > 0 && (
          <span class="notice-badge" data-testid="notice-badge">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div class="notice-panel">
          <NoticeList role={role} phone={false} onPick={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
