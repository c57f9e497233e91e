/** 通知 on the phone: the user's notices (the tab's badge is the unread count). */
import { NoticeList } from '../../components/notice-list.tsx';
import { noticeStore } from '../../lib/notices.ts';
import { useStore } from '../../lib/store.ts';
import type { PhonePageProps } from './registry.ts';

export function NoticesPage({ session }: PhonePageProps) {
  return (
    <section class="phone-notices">
      <NoticeList role={session.user.role} phone />
    </section>
  );
}

/** The tab badge: unread notices. */
export function useUnreadNotices(): number {
  return useStore(noticeStore).unread;
}
