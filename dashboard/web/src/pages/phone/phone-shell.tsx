/**
 * The phone layout: a top bar (title, back button on pages that are not tabs, live state), the page, and a bottom tab
 * bar with large touch targets. Used for "#/phone/…" routes (and a handler's start on a narrow screen).
 */
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { liveState } from '../../lib/live.ts';
import { href, type Route } from '../../lib/router.ts';
import type { Session } from '../../lib/session.ts';
import { useStore } from '../../lib/store.ts';
import { startOutbox, usePendingCount } from './outbox/index.ts';
import { PHONE_PAGES, phoneHome, phonePagesFor, type PhonePage } from './registry.ts';

function TabButton({ page, active }: { page: PhonePage; active: boolean }) {
  const badge = page.useBadge?.() ?? 0;
  return (
    <a href={href(['phone', page.id])} class={`phone-tab ${active ? 'active' : ''}`} data-tab={page.id}>
      <span class="phone-tab-icon" aria-hidden="true">
        {page.tab?.icon}
      </span>
      <span class="phone-tab-label">{t(page.title)}</span>
      {badge > 0 && <span class="phone-badge">{badge > 99 ? '99+' : badge}</span>}
    </a>
  );
}

export function PhoneShell({ route, session }: { route: Route; session: Session }) {
  const live = useStore(liveState);
  const waiting = usePendingCount();
  useEffect(startOutbox, []);
  const role = session.user.role;
  const mine = phonePagesFor(role);
  const asked = PHONE_PAGES.find((p) => p.id === route.parts[1] && p.roles.includes(role));
  const page = asked ?? phoneHome(role);
  if (!page) return <p class="empty">{t('phone.none')}</p>;
  const Body = page.component;
  return (
    <div class="phone" data-phone-page={page.id}>
      <header class="phone-top">
        {page.tab ? (
          <span class="brand-mark">哨</span>
        ) : (
          <button type="button" class="phone-back" onClick={() => history.back()} aria-label={t('phone.back')}>
            ‹
          </button>
        )}
        <h1 class="phone-title">{t(page.title)}</h1>
        {waiting > 0 && (
          <a class="phone-chip" href={href(['phone', 'me'])} data-testid="pending-chip">
            {t('phone.pending.count', { n: waiting })}
          </a>
        )}
        <span class={`live-dot live-${live}`} title={t(`live.${live}`)} />
      </header>
      <main class="phone-main">
        <Body parts={route.parts.slice(1)} route={route} session={session} />
      </main>
      <nav class="phone-tabs">
        {mine
          .filter((p) => p.tab)
          .map((p) => (
            <TabButton key={p.id} page={p} active={p.id === page.id} />
          ))}
      </nav>
    </div>
  );
}
