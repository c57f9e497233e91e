/**
 * 审计日志: logins (failed ones too), logouts, case actions and admin changes — who, when, what, from which address.
 * Filters (user, kind, local dates, text) live in the URL; the filtered log downloads as CSV or Excel (local times).
 */
import { useEffect, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t, useLocale } from '../../i18n/index.ts';
import { navigate, type Route } from '../../lib/router.ts';
import { detailText } from './audit-detail.ts';
import { AUDIT_KINDS, type AuditEntry, type AuditFilter, adminApi, auditExportUrl } from './admin-api.ts';

const FIELDS = ['user', 'kind', 'from', 'to', 'text'] as const;

export function filterOf(q: URLSearchParams): AuditFilter {
  return Object.fromEntries(FIELDS.flatMap((k) => (q.get(k) ? [[k, q.get(k)!]] : [])));
}

/** "case.dispatch" → its name in the UI language when there is one, else as it is. */
export function actionLabel(action: string): string {
  const keys = [`admin.action.${action}`, ...(action.startsWith('case.') ? [`case.action.${action.slice(5)}`] : [])];
  for (const key of keys) {
    const label = t(key);
    if (label !== key) return label;
  }
  return action;
}

export function AuditTab({ route }: { route: Route }) {
  const locale = useLocale();
  const filter = filterOf(route.query);
  const [data, setData] = useState<{ total: number; items: AuditEntry[] }>();
  const [error, setError] = useState<string>();
  const [draft, setDraft] = useState<AuditFilter>(filter);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    adminApi.users().then(
      (us) => setNames(new Map(us.flatMap((u) => (u.name ? [[u.username, u.name] as const] : [])))),
      () => undefined,
    );
  }, []);
  const key = route.query.toString();
  useEffect(() => {
    setDraft(filter);
    adminApi.audit(filter).then(
      (r) => {
        setData(r);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [key]);
  const set = (k: keyof AuditFilter) => (e: Event) =>
    setDraft({ ...draft, [k]: (e.target as HTMLInputElement | HTMLSelectElement).value || undefined });
  const apply = (e: Event): void => {
    e.preventDefault();
    navigate(['admin', 'audit'], { ...draft });
  };
  return (
    <section class="panel admin-panel" data-testid="admin-audit">
      <div class="panel-head">
        <h2>
          {t('admin.tab.audit')} <span class="count">{data?.total ?? ''}</span>
        </h2>
        <div class="panel-tools">
          <a class="btn small" href={auditExportUrl('csv', filter, locale)} download data-act="export-csv">
            {t('admin.audit.csv')}
          </a>
          <a class="btn small" href={auditExportUrl('xlsx', filter, locale)} download data-act="export-xlsx">
            {t('admin.audit.xlsx')}
          </a>
        </div>
      </div>
      <form class="filters" onSubmit={apply} data-testid="audit-filters">
        <label>
          {t('admin.audit.user')}
          <input name="user" value={draft.user ?? ''} onInput={set('user')} />
        </label>
        <label>
          {t('admin.audit.kind')}
          <select name="kind" value={draft.kind ?? ''} onChange={set('kind')}>
            <option value="">{t('filter.all')}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.audit.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.audit.from')}
          <input name="from" type="date" value={draft.from ?? ''} onInput={set('from')} />
        </label>
        <label>
          {t('admin.audit.to')}
          <input name="to" type="date" value={draft.to ?? ''} onInput={set('to')} />
        </label>
        <label>
          {t('admin.audit.text')}
          <input name="text" value={draft.text ?? ''} onInput={set('text')} />
        </label>
        <button type="submit" class="btn primary" data-act="search">
          {t('admin.audit.search')}
        </button>
        <button type="button" class="btn ghost" onClick={() => navigate(['admin', 'audit'])}>
          {t('admin.audit.reset')}
        </button>
      </form>
      {error && <p class="form-error">{error}</p>}
      {data && data.total > data.items.length && (
        <p class="muted">{t('admin.audit.more', { shown: data.items.length, total: data.total })}</p>
      )}
      <div class="table-wrap">
        <table class="data plain" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('admin.audit.at')}</th>
              <th>{t('admin.audit.user')}</th>
              <th>{t('admin.audit.ip')}</th>
              <th>{t('admin.audit.kind')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
              <th>{t('admin.audit.detail')}</th>
              <th class="num">{t('admin.audit.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((e) => (
              <tr
                key={e.id}
                data-kind={e.kind}
                data-action={e.action}
                class={e.status && e.status >= 400 ? 'refused' : ''}
              >
                <td>{fmt.dateTime(e.at)}</td>
                <td>
                  {(e.actor && names.get(e.actor)) ?? e.actor ?? '—'}{' '}
                  <span class="muted">
                    {e.actor && names.has(e.actor) ? e.actor : ''} {e.role ? t(`role.${e.role}`) : ''}
                  </span>
                </td>
                <td class="muted">{e.ip ?? '—'}</td>
                <td>{t(`admin.audit.kind.${e.kind}`)}</td>
                <td>{actionLabel(e.action)}</td>
                <td>
                  {e.target && names.has(e.target) ? (
                    <>
                      {names.get(e.target)} <span class="muted">{e.target}</span>
                    </>
                  ) : (
                    (e.target ?? '')
                  )}
                </td>
                <td class="detail">
                  <span title={e.detail}>{detailText(e.detail)}</span>
                </td>
                <td class="num">{e.status ?? ''}</td>
              </tr>
            ))}
            {data?.items.length === 0 && (
              <tr>
                <td colSpan={8} class="empty">
                  {t('admin.audit.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
