/** The selected zone's properties: id, name, what it watches, case category, dwell and clear times. */
import { t } from '../../i18n/index.ts';
import { CategoryOptions } from '../../components/category-options.tsx';
import type { EditZone } from './zone-model.ts';

export function ZoneForm({
  zone,
  onChange,
  onDelete,
}: {
  zone: EditZone;
  onChange: (z: EditZone) => void;
  onDelete: () => void;
}) {
  const str = (e: Event): string => (e.target as HTMLInputElement).value;
  const num = (e: Event): number | undefined => (str(e) === '' ? undefined : Number(str(e)));
  const set = <K extends keyof EditZone>(k: K, v: EditZone[K] | undefined): void => {
    const next = { ...zone, [k]: v };
    if (v === undefined || v === '') delete next[k];
    onChange(next);
  };
  return (
    <form class="zone-form" onSubmit={(e) => e.preventDefault()} data-testid="zone-form">
      <label>
        {t('zones.id')}
        <input name="id" value={zone.id} onInput={(e) => onChange({ ...zone, id: str(e) })} />
      </label>
      <label>
        {t('zones.name')}
        <input name="name" value={zone.name ?? ''} onInput={(e) => set('name', str(e))} />
      </label>
      <label>
        {t('zones.kind')}
        <select name="kind" value={zone.kind} onChange={(e) => onChange({ ...zone, kind: str(e) as EditZone['kind'] })}>
          <option value="no-vending">{t('zones.kind.no-vending')}</option>
          <option value="litter-watch">{t('zones.kind.litter-watch')}</option>
        </select>
      </label>
      <label>
        {t('field.category')}
        <select name="category" value={zone.category ?? ''} onChange={(e) => set('category', str(e))}>
          <option value="">{t('zones.defaultCategory')}</option>
          <CategoryOptions />
        </select>
      </label>
      <label>
        {t('zones.dwell')}
        <input
          name="dwellSeconds"
          type="number"
          value={zone.dwellSeconds ?? ''}
          onInput={(e) => set('dwellSeconds', num(e))}
        />
      </label>
      <label>
        {t('zones.clear')}
        <input
          name="clearSeconds"
          type="number"
          value={zone.clearSeconds ?? ''}
          onInput={(e) => set('clearSeconds', num(e))}
        />
      </label>
      <fieldset class="thresholds">
        <legend>{t('zones.thresholds')}</legend>
        <label>
          {t('zones.minScore')}
          <input
            name="minScore"
            type="number"
            min="0"
            max="1"
            step="0.05"
            value={zone.minScore ?? ''}
            onInput={(e) => set('minScore', num(e))}
          />
        </label>
        <label>
          {t('zones.minArea')}
          <input
            name="minAreaPct"
            type="number"
            min="0"
            max="100"
            step="0.1"
            value={zone.minArea === undefined ? '' : Math.round(zone.minArea * 10000) / 100}
            onInput={(e) => {
              const pct = num(e);
              set('minArea', pct === undefined ? undefined : pct / 100);
            }}
          />
        </label>
        <label class="check">
          <input
            name="recheck"
            type="checkbox"
            checked={zone.recheck !== false}
            onChange={(e) => set('recheck', (e.target as HTMLInputElement).checked ? undefined : false)}
          />
          {t('zones.recheck')}
        </label>
      </fieldset>
      <p class="muted">{t('zones.corners', { n: zone.polygon.length })}</p>
      <button type="button" class="btn danger small" onClick={onDelete}>
        {t('zones.delete')}
      </button>
    </form>
  );
}
