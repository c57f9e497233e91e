/**
 * The case board's search box and date range (GET /api/cases `q`, `from`, `to`): case number, address or street,
 * plate, camera, words of the description. Kept in the URL with the other filters; dates are days of the work
 * calendar's time zone (`to` inclusive).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { CaseFilter } from './cases-api.ts';

export function CaseSearch({ filter, onChange }: { filter: CaseFilter; onChange: (f: CaseFilter) => void }) {
  const [text, setText] = useState(filter.q ?? '');
  useEffect(() => setText(filter.q ?? ''), [filter.q]);
  const set = (k: keyof CaseFilter, v: string): void => onChange({ ...filter, [k]: v || undefined, page: undefined });
  const value = (e: Event): string => (e.target as HTMLInputElement).value;
  return (
    <form
      class="filters case-search"
      onSubmit={(e) => {
        e.preventDefault();
        set('q', text.trim());
      }}
    >
      <label class="grow">
        {t('dossier.search.label')}
        <input
          name="q"
          type="search"
          maxLength={200}
          placeholder={t('dossier.search.placeholder')}
          value={text}
          onInput={(e) => setText(value(e))}
        />
      </label>
      <label>
        {t('dossier.search.from')}
        <input name="from" type="date" value={filter.from ?? ''} onChange={(e) => set('from', value(e))} />
      </label>
      <label>
        {t('dossier.search.to')}
        <input name="to" type="date" value={filter.to ?? ''} onChange={(e) => set('to', value(e))} />
      </label>
      <button type="submit" class="btn">
        {t('dossier.search.go')}
      </button>
      {(filter.q || filter.from || filter.to) && (
        <button
          type="button"
          class="btn ghost"
          onClick={() => onChange({ ...filter, q: undefined, from: undefined, to: undefined, page: undefined })}
        >
          {t('dossier.search.clear')}
        </button>
      )}
    </form>
  );
}
