/** 误报率: per camera, zone and rule, the operators' verdicts on the hits of the period (GET /api/verdicts/stats). */
import { useEffect, useState } from 'preact/hooks';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { api, query } from '../../lib/api.ts';
import { cameraName } from '../../lib/config.ts';

interface Row {
  readonly cameraId: string;
  readonly zoneId: string;
  readonly rule: 'vending' | 'litter';
  readonly hits: number;
  readonly suppressed: number;
  readonly confirmed: number;
  readonly false: number;
  readonly unjudged: number;
  readonly precision: number | null;
  readonly falseRate: number | null;
}

/** Columns with labels in the current language (built at render: the language can change). */
const columns = (): readonly Column<Row>[] =>
  (
    [
      { key: 'camera', label: 'field.camera', value: (r) => cameraName(r.cameraId) },
      { key: 'zone', label: 'field.zone', value: (r) => r.zoneId },
      { key: 'rule', label: 'precision.rule', value: (r) => r.rule, render: (r) => t(`precision.rule.${r.rule}`) },
      { key: 'hits', label: 'precision.hits', value: (r) => r.hits, numeric: true },
      { key: 'confirmed', label: 'precision.confirmed', value: (r) => r.confirmed, numeric: true },
      { key: 'false', label: 'precision.false', value: (r) => r.false, numeric: true },
      { key: 'unjudged', label: 'precision.unjudged', value: (r) => r.unjudged, numeric: true },
      { key: 'suppressed', label: 'precision.suppressed', value: (r) => r.suppressed, numeric: true },
      {
        key: 'precision',
        label: 'precision.precision',
        value: (r) => r.precision,
        render: (r) => fmt.percent(r.precision),
        numeric: true,
      },
      {
        key: 'falseRate',
        label: 'precision.falseRate',
        value: (r) => r.falseRate,
        render: (r) => fmt.percent(r.falseRate),
        numeric: true,
      },
    ] as Column<Row>[]
  ).map((c) => ({ ...c, label: t(c.label) }));

export function PrecisionTable({ from, to }: { from: number; to: number }) {
  const [rows, setRows] = useState<readonly Row[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.get<{ rows: Row[] }>(`/api/verdicts/stats${query({ from, to })}`).then(
      (r) => {
        setRows(r.rows);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [from, to]);
  return (
    <>
      {error && <p class="form-error">{error}</p>}
      <DataTable
        columns={columns()}
        rows={rows}
        rowKey={(r) => `${r.cameraId}/${r.zoneId}/${r.rule}`}
        csvName="precision.csv"
        empty={t('precision.empty')}
        testId="precision-table"
      />
    </>
  );
}
