/** Filters of the case board, kept in the URL (so a filtered view can be shared or reloaded). */
import { t } from '../../i18n/index.ts';
import { CategoryOptions } from '../../components/category-options.tsx';
import { configStore } from '../../lib/config.ts';
import { hasRole } from '../../lib/session.ts';
import type { CaseFilter } from './cases-api.ts';

export const STATUS_OPTIONS = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'handled',
  'suspended',
  'closed',
  'rejected',
  'cancelled',
];
export const OPEN = 'reported,registered,dispatched,handling,handled,suspended';

export function CaseFilters({ filter, onChange }: { filter: CaseFilter; onChange: (f: CaseFilter) => void }) {
  const cfg = configStore.get();
  const set = (k: keyof CaseFilter, v: string): void => onChange({ ...filter, [k]: v || undefined, page: undefined });
  const value = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('field.status')}
        <select name="status" value={filter.status ?? ''} onChange={(e) => set('status', value(e))}>
          <option value="">{t('filter.all')}</option>
          <option value={OPEN}>{t('filter.open')}</option>
          {STATUS_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {t(`case.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('field.category')}
        <select name="category" value={filter.category ?? ''} onChange={(e) => set('category', value(e))}>
          <option value="">{t('filter.all')}</option>
          <CategoryOptions />
        </select>
      </label>
      <label>
        {t('field.grid')}
        <input
          name="grid"
          placeholder={t('filter.gridPrefix')}
          value={filter.grid ?? ''}
          onChange={(e) => set('grid', value(e).trim())}
        />
      </label>
      {!hasRole('handler') && (
        <label>
          {t('field.unit')}
          <select name="unit" value={filter.unit ?? ''} onChange={(e) => set('unit', value(e))}>
            <option value="">{t('filter.all')}</option>
            {cfg?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="check">
        <input
          name="overdue"
          type="checkbox"
          checked={filter.overdue === 'true'}
          onChange={(e) => set('overdue', (e.target as HTMLInputElement).checked ? 'true' : '')}
        />
        {t('filter.overdue')}
      </label>
    </form>
  );
}
