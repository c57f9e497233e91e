/** The 大屏's number panels: reports by source, the month's rates, device availability, top lists, rankings. */
import type { ComponentChildren } from 'preact';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { type BigScreen, SOURCES } from './bigscreen-api.ts';

export function Panel(props: {
  area: string;
  title: string;
  note?: string;
  testId: string;
  children: ComponentChildren;
}) {
  return (
    <section class={`bs-panel bs-area-${props.area}`} data-testid={props.testId}>
      <h2>
        {props.title}
        {props.note && <small class="bs-note">{props.note}</small>}
      </h2>
      <div class="bs-body">{props.children}</div>
    </section>
  );
}

export function Sources({ data }: { data: BigScreen }) {
  const { today, month } = data.cases.reports;
  return (
    <div class="bs-sources">
      {SOURCES.map((s) => (
        <div key={s} class="bs-source" data-source={s}>
          <span class="bs-label">{t(`bigscreen.source.${s}`)}</span>
          <span class="bs-big" data-testid={`today-${s}`}>
            {fmt.number(today[s])}
          </span>
          <span class="bs-small">
            {t('bigscreen.month')} {fmt.number(month[s])}
          </span>
        </div>
      ))}
    </div>
  );
}

export function Rates({ data }: { data: BigScreen }) {
  const k = data.cases.kpi.month;
  const items = [
    ['closeRate', 'kpi.closeRate', 'ok'],
    ['closedOnTimeRate', 'kpi.closedOnTimeRate', 'accent'],
    ['reworkRate', 'kpi.reworkRate', 'warn'],
  ] as const;
  return (
    <div class="bs-rates">
      {items.map(([key, label, tone]) => (
        <div key={key} class={`bs-kpi ${tone}`} data-testid={`rate-${key}`}>
          <span class="bs-big">{fmt.percent(k[key])}</span>
          <span class="bs-label">{t(label)}</span>
        </div>
      ))}
    </div>
  );
}

export function Devices({ data }: { data: BigScreen }) {
  const rows = [
    ['cameras', data.cameras],
    ['vehicles', data.vehicles],
  ] as const;
  return (
    <div class="bs-devices">
      {rows.map(([key, a]) => (
        <div key={key} class="bs-device" data-testid={`devices-${key}`}>
          <span class="bs-device-head">
            <span class="bs-label">{t(`bigscreen.${key}`)}</span>
            <span class="bs-big">{fmt.percent(a.onlineRate, 0)}</span>
          </span>
          <span class="bs-small">{t('bigscreen.online', { online: a.online, total: a.total })}</span>
          <span class="bs-small">{t('bigscreen.blind', { minutes: a.blindMinutes })}</span>
        </div>
      ))}
    </div>
  );
}

export function TopList({ items }: { items: readonly { key: string; name: string; n: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.n));
  if (items.length === 0) return <p class="bs-none">{t('bigscreen.none')}</p>;
  return (
    <ol class="bs-top">
      {items.slice(0, 5).map((i) => (
        <li key={i.key}>
          <span class="bs-top-name" title={i.key}>
            {i.name}
          </span>
          <span class="bs-top-bar">
            <span style={{ width: `${(100 * i.n) / max}%` }} />
          </span>
          <span class="bs-top-n">{i.n}</span>
        </li>
      ))}
    </ol>
  );
}

export function Ranking({ rows }: { rows: BigScreen['cases']['units'] }) {
  if (rows.length === 0) return <p class="bs-none">{t('bigscreen.none')}</p>;
  return (
    <table class="bs-rank">
      <thead>
        <tr>
          <th>{t('bigscreen.col.name')}</th>
          <th>{t('bigscreen.col.registered')}</th>
          <th>{t('bigscreen.col.closeRate')}</th>
          <th>{t('bigscreen.col.onTime')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 5).map((r, i) => (
          <tr key={r.key}>
            <td>
              <b>{i + 1}</b> {r.name}
            </td>
            <td>{r.registered}</td>
            <td>{fmt.percent(r.closeRate, 0)}</td>
            <td>{fmt.percent(r.closedOnTimeRate, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
