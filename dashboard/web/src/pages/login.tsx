/** Log-in form; errors (wrong password, too many attempts, bad input) come localised from the server. */
import { useState } from 'preact/hooks';
import { LOCALES, setLocale, t, useLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { logIn } from '../lib/auth.ts';

export function LoginPage() {
  const locale = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await logIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-wrap">
      <form class="login card" onSubmit={(e) => void submit(e)} noValidate>
        <div class="login-brand">
          <span class="brand-mark big">哨</span>
          <div>
            <h1>{t('app.title')}</h1>
            <p class="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button class="btn primary" type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
        <div class="login-lang">
          {LOCALES.map((l) => (
            <button key={l} type="button" class={`link ${l === locale ? 'active' : ''}`} onClick={() => setLocale(l)}>
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </form>
    </div>
  );
}
