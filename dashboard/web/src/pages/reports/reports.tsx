/** 监管报表: a period, KPI charts, contractor and vehicle compliance, case KPIs; a vehicle opens its track replay. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { configStore, serverNow } from '../../lib/config.ts';
import { navigate, type Route } from '../../lib/router.ts';
import { byContractor, byDay, byVehicle, total } from './aggregate.ts';
import { CaseKpiTable, ContractorTable, VehicleTable } from './compliance-tables.tsx';
import { KpiCharts } from './kpi-charts.tsx';
import { addDays, localDay, periodRange } from './period.ts';
import { caseKpis, dayReports, type DayReport, type KpiReport } from './reports-api.ts';
import { PrecisionTable } from './precision-table.tsx';
import { RecordingTable } from '../playback/recording-table.tsx';
import { TrackReplay } from './track-replay.tsx';

export function PeriodPicker({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}) {
  const today = localDay(serverNow(), configStore.get()!.timezone);
  const preset = (days: number): void => onChange(addDays(today, 1 - days), today);
  const val = (e: Event): string => (e.target as HTMLInputElement).value;
  return (
    <form class="filters period" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('reports.from')}
        <input type="date" name="from" value={from} max={to} onChange={(e) => val(e) && onChange(val(e), to)} />
      </label>
      <label>
        {t('reports.to')}
        <input type="date" name="to" value={to} min={from} onChange={(e) => val(e) && onChange(from, val(e))} />
      </label>
      <button type="button" class="btn small ghost" onClick={() => preset(1)}>
        {t('reports.today')}
      </button>
      <button type="button" class="btn small ghost" onClick={() => onChange(addDays(today, -1), addDays(today, -1))}>
        {t('reports.yesterday')}
      </button>
      <button type="button" class="btn small ghost" onClick={() => preset(7)}>
        {t('reports.last7')}
      </button>
      <button type="button" class="btn small ghost" onClick={() => preset(30)}>
        {t('reports.last30')}
      </button>
    </form>
  );
}

export function ReportsPage({ route }: { route: Route }) {
  const tz = configStore.get()!.timezone;
  const today = localDay(serverNow(), tz);
  const from = route.query.get('from') ?? today;
  const to = route.query.get('to') ?? from;
  if (route.parts[1] === 'track' && route.parts[2])
    return <TrackReplay vehicleId={route.parts[2]} day={route.query.get('day') ?? to} />;
  return <Overview from={from} to={to} tz={tz} />;
}

function Overview({ from, to, tz }: { from: string; to: string; tz: string }) {
  const [reports, setReports] = useState<readonly DayReport[]>([]);
  const [kpi, setKpi] = useState<KpiReport>();
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    setErrors([]);
    const [a, b] = periodRange(from, to, tz);
    dayReports({ from, to }).then(setReports, (e: Error) => {
      setReports([]);
      setErrors((x) => [...x, e.message]);
    });
    caseKpis(a, b).then(setKpi, (e: Error) => setErrors((x) => [...x, e.message]));
  }, [from, to]);
  const data = useMemo(
    () => ({
      contractors: byContractor(reports, t('reports.noContractor')),
      vehicles: byVehicle(reports),
      days: byDay(reports),
      all: total(reports),
    }),
    [reports],
  );
  const range = useMemo(() => periodRange(from, to, tz), [from, to, tz]);
  const go = (f: string, tt: string): void => navigate(['reports'], { from: f, to: tt });
  return (
    <div class="reports">
      <section class="panel">
        <div class="panel-head">
          <h2>{t('nav.reports')}</h2>
          <PeriodPicker from={from} to={to} onChange={go} />
        </div>
        {errors.map((e) => (
          <p key={e} class="form-error">
            {e}
          </p>
        ))}
        <KpiCharts contractors={data.contractors} days={data.days} all={data.all} {...(kpi ? { kpi } : {})} />
      </section>
      <section class="panel">
        <h2>{t('reports.byContractor')}</h2>
        <ContractorTable rows={data.contractors} />
      </section>
      <section class="panel">
        <h2>{t('reports.byVehicle')}</h2>
        <VehicleTable rows={data.vehicles} onOpen={(id) => navigate(['reports', 'track', id], { day: to })} />
      </section>
      <section class="panel">
        <h2>{t('reports.caseKpi')}</h2>
        <CaseKpiTable rows={kpi?.byUnit ?? []} />
      </section>
      <section class="panel">
        <h2>{t('precision.title')}</h2>
        <PrecisionTable from={range[0]} to={range[1]} />
      </section>
      <section class="panel">
        <h2>{t('playback.tableTitle')}</h2>
        <RecordingTable />
      </section>
    </div>
  );
}
