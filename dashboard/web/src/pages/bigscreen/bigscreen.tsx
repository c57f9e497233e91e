/**
 * 大屏: the command centre's wall display at 1920×1080, dark, large type, no top bar; full screen on request
 * (Fullscreen API). One call (`/api/bigscreen`), refreshed over the live feed.
 */
import { useEffect, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { serverNow } from '../../lib/config.ts';
import { HOME } from '../registry.ts';
import type { Session } from '../../lib/session.ts';
import { BigScreenMap } from './bigscreen-map.tsx';
import { Devices, Panel, Ranking, Rates, Sources, TopList } from './bigscreen-panels.tsx';
import { TrendChart } from './bigscreen-charts.tsx';
import { useBigScreen } from './use-bigscreen.ts';

function Clock() {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const id = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(id);
  }, []);
  return <span class="bs-clock">{fmt.dateTime(now)}</span>;
}

function FullscreenButton() {
  const [full, setFull] = useState(!!document.fullscreenElement);
  useEffect(() => {
    const on = (): void => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  const toggle = (): void => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return (
    <button type="button" class="bs-btn" onClick={toggle} data-testid="fullscreen">
      {full ? t('bigscreen.exitFullscreen') : t('bigscreen.fullscreen')}
    </button>
  );
}

export function BigScreenPage({ session }: { session: Session }) {
  const { data, error, loadedAt } = useBigScreen();
  return (
    <div class="bigscreen" data-testid="bigscreen" data-ready={data ? 'true' : 'false'}>
      <header class="bs-head">
        <a class="bs-back" href={`#/${HOME[session.user.role]}`}>
          ‹ {t('bigscreen.back')}
        </a>
        <h1>
          {t('bigscreen.title')} <small>{t('bigscreen.subtitle')}</small>
        </h1>
        <div class="bs-head-right">
          {loadedAt && <span class="bs-small">{t('bigscreen.updated', { time: fmt.time(loadedAt) })}</span>}
          <Clock />
          <FullscreenButton />
        </div>
      </header>
      {error && <p class="form-error">{error}</p>}
      {data && (
        <div class="bs-grid">
          <Panel area="src" title={t('bigscreen.reports')} testId="bs-sources">
            <Sources data={data} />
          </Panel>
          <Panel
            area="rate"
            title={t('bigscreen.rates')}
            note={t('bigscreen.rates.note', { n: data.cases.kpi.month.registered })}
            testId="bs-rates"
          >
            <Rates data={data} />
          </Panel>
          <div class="bs-panel bs-area-t7">
            <TrendChart trend={data.cases.trend7} title={t('bigscreen.trend7')} testId="bs-trend7" />
          </div>
          <Panel area="dev" title={t('bigscreen.devices')} testId="bs-devices">
            <Devices data={data} />
          </Panel>
          <Panel area="map" title={t('bigscreen.map')} testId="bs-map">
            <BigScreenMap open={data.cases.open} />
          </Panel>
          <div class="bs-panel bs-area-t30">
            <TrendChart trend={data.cases.trend30} title={t('bigscreen.trend30')} testId="bs-trend30" />
          </div>
          <Panel area="cells" title={t('bigscreen.topCells')} testId="bs-top-cells">
            <TopList items={data.cases.top.cells} />
          </Panel>
          <Panel area="streets" title={t('bigscreen.topStreets')} testId="bs-top-streets">
            <TopList items={data.cases.top.streets} />
          </Panel>
          <Panel area="cats" title={t('bigscreen.topCategories')} testId="bs-top-categories">
            <TopList items={data.cases.top.categories} />
          </Panel>
          <Panel area="units" title={t('bigscreen.units')} testId="bs-units">
            <Ranking rows={data.cases.units} />
          </Panel>
          <Panel area="contr" title={t('bigscreen.contractors')} testId="bs-contractors">
            <Ranking rows={data.cases.contractors} />
          </Panel>
        </div>
      )}
    </div>
  );
}
