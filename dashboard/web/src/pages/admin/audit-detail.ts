/**
 * An audit entry's detail in words: a refusal code ("invalid_credentials") by its message, a recorded change (JSON)
 * as "角色: 处置人员，单位: 区环卫处" with names instead of ids, anything else as it is.
 */
import { t } from '../../i18n/index.ts';
import { unitName } from '../../lib/config.ts';

function known(key: string): string | undefined {
  const s = t(key);
  return s === key ? undefined : s;
}

function valueText(field: string, v: unknown): string {
  if (typeof v === 'boolean') return t(v ? 'admin.detail.yes' : 'admin.detail.no');
  if (v === null || v === undefined) return '—';
  if (field === 'role' && typeof v === 'string') return known(`role.${v}`) ?? v;
  if (field === 'unit' && typeof v === 'string') return unitName(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function detailText(detail: string | undefined): string {
  if (!detail) return '';
  if (/^[a-z_]+$/.test(detail)) return known(`admin.detail.${detail}`) ?? detail;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  const sep = t('admin.detail.sep');
  return Object.entries(parsed)
    .map(([k, v]) => `${known(`admin.field.${k}`) ?? k}: ${valueText(k, v)}`)
    .join(sep);
}
