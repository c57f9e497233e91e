/**
 * 用户管理: every user with display name, role, unit and state; add, change, reset the password, disable / enable.
 * The admin's own row cannot be disabled, nor the last enabled admin (the server refuses both too).
 */
import { useEffect, useState } from 'preact/hooks';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { Modal } from '../../components/modal.tsx';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { unitName } from '../../lib/config.ts';
import { type AdminUser, adminApi } from './admin-api.ts';
import { PasswordForm, toChange, toNewUser, UserForm } from './user-form.tsx';

/** Why this user may not be disabled by `me` (a message key), or undefined. */
export function lockReason(u: AdminUser, me: string, all: readonly AdminUser[]): string | undefined {
  if (u.username === me) return 'admin.users.notSelf';
  const active = all.filter((x) => x.role === 'admin' && !x.disabled);
  if (u.role === 'admin' && !u.disabled && active.length <= 1) return 'admin.users.lastAdmin';
  return undefined;
}

type Dialog = { kind: 'add' } | { kind: 'edit'; user: AdminUser } | { kind: 'password'; user: AdminUser };

export function UsersTab({ me }: { me: string }) {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    adminApi.users().then(setUsers, (e: Error) => setMessage({ ok: false, text: e.message }));
  }, [tick]);
  const done = (text: string): void => {
    setDialog(undefined);
    setMessage({ ok: true, text });
    setTick((n) => n + 1);
  };
  const toggle = async (u: AdminUser): Promise<void> => {
    const name = u.name ?? u.username;
    if (!u.disabled && !confirm(t('admin.users.confirmDisable', { name }))) return;
    try {
      await adminApi.changeUser(u.username, { disabled: !u.disabled });
      done(t(u.disabled ? 'admin.users.enabled' : 'admin.users.disabledDone', { name }));
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  const columns: Column<AdminUser>[] = [
    { key: 'username', label: t('admin.users.username'), value: (u) => u.username },
    { key: 'name', label: t('admin.users.name'), value: (u) => u.name ?? '' },
    { key: 'role', label: t('admin.users.role'), value: (u) => t(`role.${u.role}`) },
    { key: 'unit', label: t('admin.users.unit'), value: (u) => (u.unit ? unitName(u.unit) : '') },
    {
      key: 'cells',
      label: t('admin.tab.cells'),
      value: (u) => (u.cells ? t('admin.cells.count', { n: u.cells.length }) : ''),
    },
    {
      key: 'state',
      label: t('admin.users.state'),
      value: (u) => t(u.disabled ? 'admin.users.off' : 'admin.users.on'),
      render: (u) => (
        <span class={`badge ${u.disabled ? 'state-offline' : 'state-online'}`}>
          {t(u.disabled ? 'admin.users.off' : 'admin.users.on')}
        </span>
      ),
    },
    { key: 'created', label: t('admin.users.created'), value: (u) => fmt.dateTime(u.createdAt) },
    {
      key: 'actions',
      label: t('admin.actions'),
      value: () => '',
      render: (u) => {
        const lock = u.disabled ? undefined : lockReason(u, me, users);
        return (
          <span class="row-actions" data-user={u.username}>
            <button
              type="button"
              class="btn small ghost"
              data-act="edit"
              onClick={() => setDialog({ kind: 'edit', user: u })}
            >
              {t('admin.edit')}
            </button>
            <button
              type="button"
              class="btn small ghost"
              data-act="password"
              onClick={() => setDialog({ kind: 'password', user: u })}
            >
              {t('admin.users.resetPassword')}
            </button>
            <button
              type="button"
              class={`btn small ${u.disabled ? '' : 'danger'}`}
              data-act={u.disabled ? 'enable' : 'disable'}
              disabled={!!lock}
              title={lock ? t(lock) : undefined}
              onClick={() => void toggle(u)}
            >
              {t(u.disabled ? 'admin.users.enable' : 'admin.users.disable')}
            </button>
          </span>
        );
      },
    },
  ];
  return (
    <section class="panel admin-panel" data-testid="admin-users">
      <div class="panel-head">
        <h2>
          {t('admin.tab.users')} <span class="count">{users.length}</span>
        </h2>
        <button type="button" class="btn small primary" data-act="add-user" onClick={() => setDialog({ kind: 'add' })}>
          {t('admin.users.add')}
        </button>
      </div>
      {message && (
        <p class={message.ok ? 'form-ok' : 'form-error'} role="status">
          {message.text}
        </p>
      )}
      <DataTable columns={columns} rows={users} rowKey={(u) => u.username} csvName="users" testId="users-table" />
      {dialog?.kind === 'add' && (
        <Modal title={t('admin.users.add')} onClose={() => setDialog(undefined)}>
          <UserForm
            onCancel={() => setDialog(undefined)}
            onSubmit={async (d) => {
              const added = await adminApi.addUser(toNewUser(d));
              done(t('admin.users.added', { name: added.name ?? added.username }));
            }}
          />
        </Modal>
      )}
      {dialog?.kind === 'edit' && (
        <Modal title={t('admin.users.editTitle', { name: dialog.user.username })} onClose={() => setDialog(undefined)}>
          {dialog.user.username === me && <p class="admin-note">{t('admin.users.selfNote')}</p>}
          <UserForm
            user={dialog.user}
            onCancel={() => setDialog(undefined)}
            onSubmit={async (d) => {
              const change = toChange(d, dialog.user);
              if (Object.keys(change).length > 0) await adminApi.changeUser(dialog.user.username, change);
              done(t('admin.users.changed', { name: d.name || dialog.user.username }));
            }}
          />
        </Modal>
      )}
      {dialog?.kind === 'password' && (
        <Modal
          title={t('admin.users.passwordTitle', { name: dialog.user.name ?? dialog.user.username })}
          onClose={() => setDialog(undefined)}
        >
          {dialog.user.username === me && <p class="admin-note">{t('admin.users.selfNote')}</p>}
          <PasswordForm
            onCancel={() => setDialog(undefined)}
            onSubmit={async (pw) => {
              await adminApi.resetPassword(dialog.user.username, pw);
              done(t('admin.users.passwordDone', { name: dialog.user.name ?? dialog.user.username }));
            }}
          />
        </Modal>
      )}
    </section>
  );
}
