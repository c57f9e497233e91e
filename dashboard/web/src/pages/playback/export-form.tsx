/** Export a span [from, to] as MP4 evidence, onto a case when one is chosen (a handler must choose one). */
import { useEffect, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { api } from '../../lib/api.ts';
import type { CaseMark } from './playback-api.ts';

interface Exported {
  readonly url: string;
  readonly caseId: string | null;
}

export function ExportForm(props: { camera: string; position: number; caseId?: string; cases: readonly CaseMark[] }) {
  const [seconds, setSeconds] = useState(60);
  const [target, setTarget] = useState(props.caseId ?? '');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Exported>();
  const [error, setError] = useState<string>();
  useEffect(() => setTarget(props.caseId ?? ''), [props.caseId]);
  const from = Math.round(props.position);
  const to = from + seconds * 1000;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = { from, to, ...(target ? { caseId: target } : {}) };
      setDone(await api.post<Exported>(`/api/recordings/${encodeURIComponent(props.camera)}/export`, body));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel pb-export" onSubmit={submit} data-testid="export-form">
      <h2>{t('playback.export')}</h2>
      <p class="muted">{t('playback.exportFrom', { time: fmt.dateTime(from) })}</p>
      <label>
        {t('playback.seconds')}
        <input
          type="number"
          name="seconds"
          min={2}
          max={3600}
          value={seconds}
          onInput={(e) => setSeconds(Math.max(2, Number((e.target as HTMLInputElement).value) || 60))}
        />
      </label>
      <label>
        {t('playback.toCase')}
        <select name="case" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
          <option value="">{t('playback.noCase')}</option>
          {props.caseId && !props.cases.some((c) => c.id === props.caseId) && (
            <option value={props.caseId}>{props.caseId}</option>
          )}
          {props.cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} · {c.category}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="btn primary" disabled={busy}>
        {busy ? t('playback.exporting') : t('playback.exportButton')}
      </button>
      {error && <p class="form-error">{error}</p>}
      {done && (
        <p data-testid="exported">
          <a href={done.url} download>
            {t('playback.download')}
          </a>
          {done.caseId && <span> · {t('playback.attached', { id: done.caseId })}</span>}
        </p>
      )}
    </form>
  );
}
