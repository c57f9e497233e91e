/** On the case board when it lists a statistic's cases: which figure, period and filters, and the way back. */
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { categoryName, unitName } from '../../lib/config.ts';
import type { Route } from '../../lib/router.ts';

/** A drill-down filter as people read it. */
function shown(key: string, value: string): string {
  if (key === 'source') return t(`case.source.${value}`);
  if (key === 'unit' || key === 'contractor') return unitName(value);
  if (key === 'category') return value.endsWith('-*') ? value : `${value} ${categoryName(value)}`;
  return value;
}

const KEYS: Readonly<Record<string, string>> = {
  source: 'stats.dim.source',
  street: 'stats.dim.street',
  community: 'stats.dim.community',
  cell: 'stats.dim.grid',
  category: 'stats.dim.category',
  unit: 'stats.dim.unit',
  contractor: 'stats.dim.contractor',
};

export function DrillBanner({ route, total }: { route: Route; total?: number }) {
  const figure = route.query.get('figure');
  const from = Number(route.query.get('periodFrom'));
  const to = Number(route.query.get('periodTo'));
  if (!figure || !Number.isFinite(from) || !Number.isFinite(to)) return null;
  return (
    <div class="drill-banner" data-testid="drill-banner">
      <strong>{t('stats.drill.title', { figure: t(`stats.fig.${figure}`) })}</strong>
      <span>{t('stats.drill.period', { from: fmt.date(from), to: fmt.date(to - 1) })}</span>
      {Object.entries(KEYS).map(([k, label]) => {
        const v = route.query.get(k);
        return v ? <span key={k} class="chip">{`${t(label)}: ${shown(k, v)}`}</span> : null;
      })}
      {total !== undefined && <span>{t('stats.drill.count', { n: total })}</span>}
      <button type="button" class="btn small ghost drill-back" onClick={() => history.back()}>
        ‹ {t('stats.drill.back')}
      </button>
    </div>
  );
}
