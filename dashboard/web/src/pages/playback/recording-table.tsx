/** 录像完整度 for the reports page: per recorded camera, hours recorded vs expected over the last day, blind spots. */
import { DataTable, type Column } from '../../components/data-table.tsx';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { href } from '../../lib/router.ts';
import type { PlaybackCamera } from './playback-api.ts';
import { useRecordingHealth } from './use-recording-health.ts';

const columns = (): readonly Column<PlaybackCamera>[] =>
  (
    [
      {
        key: 'camera',
        label: 'playback.camera',
        value: (r) => r.name,
        render: (r) => <a href={href(['playback', r.id])}>{r.name}</a>,
      },
      { key: 'mode', label: 'playback.mode', value: (r) => r.mode, render: (r) => t(`playback.mode.${r.mode}`) },
      { key: 'expected', label: 'playback.expectedHours', value: (r) => r.health?.expectedHours, numeric: true },
      { key: 'recorded', label: 'playback.recordedHours', value: (r) => r.health?.recordedHours, numeric: true },
      {
        key: 'ratio',
        label: 'playback.ratio',
        value: (r) => r.health?.ratio,
        render: (r) => fmt.percent(r.health?.ratio),
        numeric: true,
      },
      { key: 'gaps', label: 'playback.gaps', value: (r) => r.health?.gaps.length, numeric: true },
      { key: 'blind', label: 'playback.blindHours', value: (r) => r.health?.blindHours, numeric: true },
    ] as Column<PlaybackCamera>[]
  ).map((c) => ({ ...c, label: t(c.label) }));

export function RecordingTable() {
  const byId = useRecordingHealth();
  const rows = [...byId.values()].filter((c) => c.health);
  return (
    <DataTable
      columns={columns()}
      rows={rows}
      rowKey={(r) => r.id}
      csvName="recording-health.csv"
      empty={t('playback.noRecorded')}
      testId="recording-table"
    />
  );
}
