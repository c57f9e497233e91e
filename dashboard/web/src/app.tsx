/** The application shell: checks the session, shows the login page or the page the URL names (if the role may). */
import { useEffect } from 'preact/hooks';
import { Header } from './components/header.tsx';
import { t, useLocale } from './i18n/index.ts';
import { checkSession } from './lib/auth.ts';
import { configStore } from './lib/config.ts';
import { useRoute } from './lib/router.ts';
import { sessionStore, type Session } from './lib/session.ts';
import { useStore } from './lib/store.ts';
import { LoginPage } from './pages/login.tsx';
import { Page } from './pages/page.tsx';
import { PhoneShell } from './pages/phone/phone-shell.tsx';
import { wantsPhone } from './pages/phone/wants-phone.ts';
import { HOME, PAGE_ROLES, type PageId } from './pages/registry.ts';

function Shell({ session }: { session: Session }) {
  const route = useRoute();
  const config = useStore(configStore);
  if (wantsPhone(route, session.user.role)) {
    return config ? <PhoneShell route={route} session={session} /> : <div class="loading">{t('app.loading')}</div>;
  }
  const asked = route.parts[0] as PageId | undefined;
  const page: PageId = asked && PAGE_ROLES[asked]?.includes(session.user.role) ? asked : HOME[session.user.role];
  if (page === 'bigscreen' && config) return <Page id={page} route={route} session={session} />; // a wall: no top bar
  return (
    <div class="shell">
      <Header session={session} page={page} />
      <main class={`page page-${page}`}>
        {config ? <Page id={page} route={route} session={session} /> : <div class="loading">{t('app.loading')}</div>}
      </main>
    </div>
  );
}

export function App() {
  const locale = useLocale();
  const session = useStore(sessionStore);
  useEffect(() => {
    void checkSession();
  }, []);
  if (session === undefined) return <div class="loading">{t('app.loading')}</div>;
  if (session === null) return <LoginPage />;
  return <Shell key={locale} session={session} />;
}
