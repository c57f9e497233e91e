/**
 * 网格员片区: each inspector (信息采集员) with the grid cells they walk — they see and verify only those cells' cases.
 * The cells are edited here (PATCH …/users/:username { cells }); the server refuses codes that are not cells of the
 * configured grid, naming each. New inspectors are added on the 用户 tab (role 网格员, with their cells).
 */
import { useEffect, useState } from 'preact/hooks';
import { Modal } from '../../components/modal.tsx';
import { t } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { type AdminUser, adminApi } from './admin-api.ts';
import { CellsField, parseCells } from './user-form.tsx';

/** The refused codes of a 400 (its issues name body.cells[i]), to say which ones are wrong. */
export function badCells(err: unknown, sent: readonly string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  return err.issues.flatMap((i) => {
    const m = /^body\.cells\[(\d+)\]$/.exec(i.field);
    return m && sent[Number(m[1])] !== undefined ? [sent[Number(m[1])]!] : [];
  });
}

function EditCells(props: { user: AdminUser; onDone: (n: number) => void; onCancel: () => void }) {
  const [text, setText] = useState((props.user.cells ?? []).join(' '));
  const [error, setError] = useState<string>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const cells = parseCells(text);
    try {
      await adminApi.changeUser(props.user.username, { cells });
      props.onDone(cells.length);
    } catch (err) {
      const bad = badCells(err, cells);
      setError(bad.length ? t('admin.cells.unknown', { codes: bad.join('、') }) : (err as Error).message);
    }
  };
  return (
    <form class="action-form admin-form" onSubmit={(e) => void submit(e)} data-testid="cells-form">
      <CellsField
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLTextAreaElement).value);
          setError(undefined);
        }}
      />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="btn primary">
          {t('admin.save')}
        </button>
        <button type="button" class="btn ghost" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CellsTab() {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [editing, setEditing] = useState<AdminUser>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    adminApi.users().then(setUsers, (e: Error) => setMessage({ ok: false, text: e.message }));
  }, [tick]);
  const inspectors = users.filter((u) => u.role === 'inspector');
  return (
    <section class="panel admin-panel" data-testid="admin-cells">
      <div class="panel-head">
        <h2>
          {t('admin.tab.cells')} <span class="count">{inspectors.length}</span>
        </h2>
      </div>
      <p class="admin-note">{t('admin.cells.about')}</p>
      {message && (
        <p class={message.ok ? 'form-ok' : 'form-error'} role="status">
          {message.text}
        </p>
      )}
      <table class="data plain" data-testid="cells-table">
        <thead>
          <tr>
            <th>{t('admin.users.name')}</th>
            <th>{t('admin.users.username')}</th>
            <th>{t('admin.users.state')}</th>
            <th>{t('admin.cells.codes')}</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {inspectors.map((u) => (
            <tr key={u.username} data-inspector={u.username}>
              <td>{u.name ?? '—'}</td>
              <td>{u.username}</td>
              <td>{t(u.disabled ? 'admin.users.off' : 'admin.users.on')}</td>
              <td class="cells">
                {(u.cells ?? []).length === 0 ? (
                  <span class="overdue">{t('admin.cells.noneSet')}</span>
                ) : (
                  (u.cells ?? []).map((c) => (
                    <span key={c} class="badge cell">
                      {c}
                    </span>
                  ))
                )}
              </td>
              <td>
                <button type="button" class="btn small ghost" data-act="edit-cells" onClick={() => setEditing(u)}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
          {inspectors.length === 0 && (
            <tr>
              <td colSpan={5} class="empty">
                {t('admin.cells.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {editing && (
        <Modal
          title={t('admin.cells.editTitle', { name: editing.name ?? editing.username })}
          onClose={() => setEditing(undefined)}
        >
          <EditCells
            user={editing}
            onCancel={() => setEditing(undefined)}
            onDone={(n) => {
              setMessage({ ok: true, text: t('admin.cells.saved', { name: editing.name ?? editing.username, n }) });
              setEditing(undefined);
              setTick((x) => x + 1);
            }}
          />
        </Modal>
      )}
    </section>
  );
}
