/** The statistics table: every count links to the cases behind it; rates read "—" on a zero denominator. */
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { drillHref, type Figure, type KpiRow, type StatsAnswer, type StatsQuery, type StatsRow } from './stats-api.ts';

type Col = { key: keyof KpiRow; kind: 'count' | 'rate' | 'hours' };
export const COLUMNS: readonly Col[] = [
  { key: 'registered', kind: 'count' },
  { key: 'closed', kind: 'count' },
  { key: 'closeRate', kind: 'rate' },
  { key: 'due', kind: 'count' },
  { key: 'handled', kind: 'count' },
  { key: 'handledOnTime', kind: 'count' },
  { key: 'handledOnTimeRate', kind: 'rate' },
  { key: 'closedOnTime', kind: 'count' },
  { key: 'closedOnTimeRate', kind: 'rate' },
  { key: 'reworked', kind: 'count' },
  { key: 'reworkRate', kind: 'rate' },
  { key: 'overdueUnhandled', kind: 'count' },
  { key: 'supervised', kind: 'count' },
  { key: 'avgHandlingWorkHours', kind: 'hours' },
];

function cell(q: StatsQuery, row: KpiRow, col: Col, target?: { key: StatsAnswer['drillFilter']; value: string }) {
  const v = row[col.key] as number | null;
  if (col.kind === 'rate') return fmt.percent(v);
  if (col.kind === 'hours') return fmt.number(v, 1);
  return (
    <a href={drillHref(q, col.key as Figure, target)} class="stats-drill" data-figure={col.key}>
      {fmt.number(v)}
    </a>
  );
}

export function StatsTable(props: {
  q: StatsQuery;
  data: StatsAnswer;
  /** The dimension a row opens into (街道 → 社区, 大类 → 小类), when there is one. */
  into?: (row: StatsRow) => void;
}) {
  const { q, data } = props;
  return (
    <div class="table-wrap">
      <table class="data stats-table" data-testid="stats-table">
        <thead>
          <tr>
            <th>{t(`stats.dim.${data.dimension}`)}</th>
            <th>{t('stats.code')}</th>
            {COLUMNS.map((c) => (
              <th key={c.key} class="num">
                {t(`stats.fig.${c.key}`)}
              </th>
            ))}
            {props.into && <th />}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <td class="stats-name">{r.name}</td>
              <td class="muted">{r.key}</td>
              {COLUMNS.map((c) => (
                <td key={c.key} class="num">
                  {cell(q, r, c, { key: data.drillFilter, value: r.filter })}
                </td>
              ))}
              {props.into && (
                <td>
                  <button type="button" class="btn small ghost" onClick={() => props.into?.(r)}>
                    {t('stats.drillInto')} ›
                  </button>
                </td>
              )}
            </tr>
          ))}
          {data.rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 3} class="empty">
                {t('table.empty')}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr class="stats-total">
            <td>{t('stats.total')}</td>
            <td />
            {COLUMNS.map((c) => (
              <td key={c.key} class="num">
                {cell(q, data.total, c)}
              </td>
            ))}
            {props.into && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
