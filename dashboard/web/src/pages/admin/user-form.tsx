/**
 * Add a user (login name, display name, role, unit, password twice) or change one (display name, role, unit). A
 * handler needs a unit; the password is at least 8 characters and is sent once, never shown again.
 */
import { useState } from 'preact/hooks';
import { ROLES } from '../../../../../kernel/types/user.ts';
import { t } from '../../i18n/index.ts';
import { configStore, unitName } from '../../lib/config.ts';
import type { Role } from '../../lib/session.ts';
import type { AdminUser, NewUser, UserChange } from './admin-api.ts';

export interface UserDraft {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly unit: string;
  readonly password: string;
  readonly confirm: string;
  /** An inspector's cell codes as typed (separated by spaces, commas or new lines). */
  readonly cells: string;
}

/** "A, B\nC" → ["A", "B", "C"] (each once). */
export function parseCells(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

/** The first problem of a draft as a message key (undefined when it may be sent). */
export function draftProblem(d: UserDraft, adding: boolean): string | undefined {
  if (adding && !/^[A-Za-z0-9_.-]{2,32}$/.test(d.username)) return 'admin.users.badUsername';
  if (d.role === 'handler' && !d.unit) return 'admin.users.needsUnit';
  if (adding && d.password.length < 8) return 'admin.users.shortPassword';
  if (adding && d.password !== d.confirm) return 'admin.users.passwordsDiffer';
  return undefined;
}

export function toNewUser(d: UserDraft): NewUser {
  return {
    username: d.username,
    role: d.role,
    password: d.password,
    ...(d.unit ? { unit: d.unit } : {}),
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    ...(d.role === 'inspector' && parseCells(d.cells).length > 0 ? { cells: parseCells(d.cells) } : {}),
  };
}

/** Only what changed; a cleared unit is sent as null. */
export function toChange(d: UserDraft, was: AdminUser): UserChange {
  return {
    ...(d.role !== was.role ? { role: d.role } : {}),
    ...(d.unit !== (was.unit ?? '') ? { unit: d.unit || null } : {}),
    ...(d.name.trim() && d.name.trim() !== (was.name ?? '') ? { name: d.name.trim() } : {}),
    ...(d.role === 'inspector' && parseCells(d.cells).join(' ') !== (was.cells ?? []).join(' ')
      ? { cells: parseCells(d.cells) }
      : {}),
  };
}

export function UserForm(props: { user?: AdminUser; onSubmit: (d: UserDraft) => Promise<void>; onCancel: () => void }) {
  const was = props.user;
  const adding = !was;
  const [d, setD] = useState<UserDraft>({
    username: was?.username ?? '',
    name: was?.name ?? '',
    role: was?.role ?? 'operator',
    unit: was?.unit ?? '',
    password: '',
    confirm: '',
    cells: (was?.cells ?? []).join(' '),
  });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof UserDraft) => (e: Event) => {
    setD({ ...d, [k]: (e.target as HTMLInputElement | HTMLSelectElement).value });
    setError(undefined);
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const problem = draftProblem(d, adding);
    if (problem) return setError(t(problem));
    setBusy(true);
    try {
      await props.onSubmit(d);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="action-form admin-form" onSubmit={(e) => void submit(e)} data-testid="user-form">
      {adding && (
        <label>
          {t('admin.users.username')}
          <input name="username" value={d.username} onInput={set('username')} autoComplete="off" required />
        </label>
      )}
      <label>
        {t('admin.users.name')}
        <input name="name" value={d.name} onInput={set('name')} placeholder={t('admin.users.namePlaceholder')} />
      </label>
      <label>
        {t('admin.users.role')}
        <select name="role" value={d.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.users.unit')}
        <select name="unit" value={d.unit} onChange={set('unit')}>
          <option value="">{t('admin.users.noUnit')}</option>
          {(configStore.get()?.units ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {unitName(u.id)}
            </option>
          ))}
        </select>
      </label>
      {d.role === 'inspector' && <CellsField value={d.cells} onInput={set('cells')} />}
      {adding && (
        <>
          <label>
            {t('admin.users.password')}
            <input
              name="password"
              type="password"
              value={d.password}
              onInput={set('password')}
              autoComplete="new-password"
            />
          </label>
          <label>
            {t('admin.users.confirm')}
            <input
              name="confirm"
              type="password"
              value={d.confirm}
              onInput={set('confirm')}
              autoComplete="new-password"
            />
          </label>
        </>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {adding ? t('admin.users.add') : t('admin.save')}
        </button>
        <button type="button" class="btn ghost" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The cell codes of an inspector, with how codes look on this grid. */
export function CellsField(props: { value: string; onInput: (e: Event) => void }) {
  const grid = configStore.get()?.grid;
  const r = grid?.regular;
  return (
    <label>
      {t('admin.cells.codes')}
      <textarea name="cells" rows={3} value={props.value} onInput={props.onInput} />
      <span class="muted small">
        {r
          ? t('admin.cells.regularHint', { example: `${r.prefix}001001`, rows: r.rows, columns: r.columns })
          : t('admin.cells.polygonHint', { n: grid?.cells ?? 0 })}
      </span>
    </label>
  );
}

/** A new password, twice. */
export function PasswordForm(props: { onSubmit: (password: string) => Promise<void>; onCancel: () => void }) {
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (pw.length < 8) return setError(t('admin.users.shortPassword'));
    if (pw !== again) return setError(t('admin.users.passwordsDiffer'));
    try {
      await props.onSubmit(pw);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const value = (e: Event): string => (e.target as HTMLInputElement).value;
  return (
    <form class="action-form admin-form" onSubmit={(e) => void submit(e)} data-testid="password-form">
      <p class="muted">{t('admin.users.passwordHint')}</p>
      <label>
        {t('admin.users.newPassword')}
        <input
          name="password"
          type="password"
          value={pw}
          onInput={(e) => setPw(value(e))}
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('admin.users.confirm')}
        <input
          name="confirm"
          type="password"
          value={again}
          onInput={(e) => setAgain(value(e))}
          autoComplete="new-password"
        />
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="btn primary">
          {t('admin.users.resetPassword')}
        </button>
        <button type="button" class="btn ghost" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
