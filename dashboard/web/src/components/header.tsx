/** The top bar: brand, the pages the role may open, live-feed state, language switch, user and log-out. */
import { LOCALES, setLocale, t, useLocale } from '../i18n/index.ts';
import { logOut } from '../lib/auth.ts';
import { liveState } from '../lib/live.ts';
import { href } from '../lib/router.ts';
import type { Session } from '../lib/session.ts';
import { useStore } from '../lib/store.ts';
import { phoneHome } from '../pages/phone/registry.ts';
import { pagesFor, type PageId } from '../pages/registry.ts';
import { NoticeBell } from './notice-bell.tsx';

export function Header({ session, page }: { session: Session; page: PageId }) {
  const locale = useLocale();
  const live = useStore(liveState);
  const { user } = session;
  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark">哨</span>
        <span>{t('app.title')}</span>
      </div>
      <nav class="nav">
        {pagesFor(user.role).map((p) => (
          <a key={p} href={href([p])} class={p === page ? 'active' : ''} data-page={p}>
            {t(`nav.${p}`)}
          </a>
        ))}
      </nav>
      <div class="topbar-right">
        {phoneHome(user.role) && (
          <a class="to-phone" href={href(['phone'])} data-testid="to-phone">
            {t('phone.toPhone')}
          </a>
        )}
        <NoticeBell role={user.role} />
        <span class={`live-dot live-${live}`} title={t(`live.${live}`)}>
          {t(`live.${live}`)}
        </span>
        <select
          class="lang"
          aria-label={t('app.language')}
          value={locale}
          onChange={(e) => setLocale((e.target as HTMLSelectElement).value as typeof locale)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
        <span class="user" data-role={user.role}>
          {user.name ?? user.username} · {t(`role.${user.role}`)}
        </span>
        <button type="button" class="btn ghost" onClick={() => void logOut()}>
          {t('app.logout')}
        </button>
      </div>
    </header>
  );
}
