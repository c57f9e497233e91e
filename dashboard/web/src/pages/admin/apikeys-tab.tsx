/**
 * Open311 api keys: who each is for, created, last used, revoked; create one (the key is shown once, here, and never
 * again — only its hash is kept) and revoke one.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { type ApiKey, adminApi } from './admin-api.ts';

export function ApiKeysTab() {
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ id: string; key: string; name: string }>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    adminApi.keys().then(setKeys, (e: Error) => setMessage({ ok: false, text: e.message }));
  }, [tick]);
  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!name.trim()) return setMessage({ ok: false, text: t('admin.keys.needName') });
    try {
      const k = await adminApi.addKey(name.trim());
      setCreated({ ...k, name: name.trim() });
      setName('');
      setMessage(undefined);
      setTick((n) => n + 1);
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  const revoke = async (k: ApiKey): Promise<void> => {
    if (!confirm(t('admin.keys.confirmRevoke', { name: k.name }))) return;
    try {
      await adminApi.revokeKey(k.id);
      setMessage({ ok: true, text: t('admin.keys.revoked', { name: k.name }) });
      setTick((n) => n + 1);
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  const columns: Column<ApiKey>[] = [
    { key: 'id', label: t('admin.keys.id'), value: (k) => k.id },
    { key: 'name', label: t('admin.keys.name'), value: (k) => k.name },
    { key: 'created', label: t('admin.keys.created'), value: (k) => fmt.dateTime(k.createdAt) },
    { key: 'used', label: t('admin.keys.lastUsed'), value: (k) => fmt.dateTime(k.lastUsedAt) },
    {
      key: 'state',
      label: t('admin.users.state'),
      value: (k) =>
        k.revokedAt ? t('admin.keys.revokedAt', { at: fmt.dateTime(k.revokedAt) }) : t('admin.keys.active'),
    },
    {
      key: 'actions',
      label: t('admin.actions'),
      value: () => '',
      render: (k) =>
        k.revokedAt ? null : (
          <button
            type="button"
            class="btn small danger"
            data-act="revoke"
            data-key={k.id}
            onClick={() => void revoke(k)}
          >
            {t('admin.keys.revoke')}
          </button>
        ),
    },
  ];
  return (
    <section class="panel admin-panel" data-testid="admin-apikeys">
      <div class="panel-head">
        <h2>{t('admin.tab.apikeys')}</h2>
      </div>
      <p class="admin-note">{t('admin.keys.about')}</p>
      <form class="filters" onSubmit={(e) => void create(e)}>
        <label>
          {t('admin.keys.name')}
          <input
            name="key-name"
            value={name}
            placeholder={t('admin.keys.namePlaceholder')}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="btn primary" data-act="add-key">
          {t('admin.keys.add')}
        </button>
      </form>
      {created && (
        <div class="card new-key" data-testid="new-key">
          <p>{t('admin.keys.once', { name: created.name })}</p>
          <code class="key">{created.key}</code>{' '}
          <button type="button" class="btn small" onClick={() => void navigator.clipboard?.writeText(created.key)}>
            {t('admin.keys.copy')}
          </button>{' '}
          <button type="button" class="btn small ghost" onClick={() => setCreated(undefined)}>
            {t('admin.keys.stored')}
          </button>
        </div>
      )}
      {message && (
        <p class={message.ok ? 'form-ok' : 'form-error'} role="status">
          {message.text}
        </p>
      )}
      <DataTable columns={columns} rows={keys} rowKey={(k) => k.id} csvName="api-keys" testId="keys-table" />
    </section>
  );
}
