/** 我的: who is logged in, language, the switch to the desktop pages, log out. */
import { LOCALES, setLocale, t, useLocale } from '../../i18n/index.ts';
import { logOut } from '../../lib/auth.ts';
import { unitName } from '../../lib/config.ts';
import { href } from '../../lib/router.ts';
import { PendingCards } from './pending-card.tsx';
import type { PhonePageProps } from './registry.ts';

export function MePage({ session }: PhonePageProps) {
  const locale = useLocale();
  const { user } = session;
  return (
    <section class="phone-me">
      <div class="phone-card">
        <strong data-role={user.role}>{user.name ?? user.username}</strong>
        <p class="muted">
          {t(`role.${user.role}`)}
          {user.unit ? ` · ${unitName(user.unit)}` : ''}
        </p>
      </div>
      <div class="phone-card phone-langs">
        <span>{t('app.language')}</span>
        <div class="phone-seg">
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              class={`phone-btn ${l === locale ? 'primary' : ''}`}
              onClick={() => setLocale(l)}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>
      <PendingCards onChanged={() => undefined} />
      <a class="phone-btn block" href={href(['cases'])} data-testid="to-desktop">
        {t('phone.toDesktop')}
      </a>
      <button type="button" class="phone-btn block danger" onClick={() => void logOut()}>
        {t('app.logout')}
      </button>
    </section>
  );
}
