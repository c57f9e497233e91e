/**
 * 上报 on the phone: category from the code table, photos from the camera, the place from the phone's position or a
 * tap on the map, a description → POST /api/inspector/reports (merged into an open case of the category nearby).
 * The report carries an id made on the phone, so sending it again after a lost answer makes no second case.
 */
import { useState } from 'preact/hooks';
import { CategoryOptions } from '../../../components/category-options.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { currentPosition } from '../geo.ts';
import type { PhonePageProps } from '../registry.ts';
import { sendReport, type ReportResult } from './inspector-api.ts';
import { PhotoPicker, type Shot } from './photo-picker.tsx';
import { PickMap, type Point } from './pick-map.tsx';
import { transient, useRetry } from './use-retry.ts';

const newId = (): string => crypto.randomUUID();

export function ReportPage(_: PhonePageProps) {
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [shots, setShots] = useState<Shot[]>([]);
  const [at, setAt] = useState<Point>();
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ReportResult>();
  const [clientId, setClientId] = useState(newId);
  const [pending, setPending] = useState(false);
  const locate = async (): Promise<void> => {
    setLocating(true);
    const p = await currentPosition();
    setLocating(false);
    if (p) setAt({ lat: p.lat, lon: p.lon });
    else setError(t('inspector.report.noFix'));
  };
  const submit = async (): Promise<void> => {
    const missing = !category
      ? 'needCategory'
      : !description.trim()
        ? 'needDescription'
        : !at
          ? 'needPosition'
          : undefined;
    if (missing || !at) return setError(t(`inspector.report.${missing ?? 'needPosition'}`));
    setBusy(true);
    setError(undefined);
    try {
      const photos = shots.map((s) => s.blob);
      const input = { category, description: description.trim(), ...at, address: address.trim(), clientId, photos };
      setDone(await sendReport(input));
      setPending(false);
    } catch (err) {
      setPending(transient(err));
      setError(transient(err) ? t('inspector.offline.pending') : err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  useRetry(pending && !busy, () => void submit());
  if (done)
    return (
      <section class="insp-report">
        <div class="phone-card" data-testid="report-done" data-case={done.id}>
          <p>{t(done.merged ? 'inspector.report.merged' : 'inspector.report.done', { id: done.id })}</p>
        </div>
        <button
          type="button"
          class="phone-btn block primary"
          onClick={() => {
            setDone(undefined);
            setShots([]);
            setDescription('');
            setAddress('');
            setClientId(newId());
          }}
        >
          {t('inspector.report.another')}
        </button>
      </section>
    );
  return (
    <section class="insp-report">
      <form
        class="phone-card phone-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('inspector.report.category')}
          <select name="category" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
            <option value="">{t('inspector.report.pickCategory')}</option>
            <CategoryOptions />
          </select>
        </label>
        <span class="insp-label">{t('inspector.report.photos')}</span>
        <PhotoPicker shots={shots} onChange={setShots} label={t('inspector.report.photos')} />
        <span class="insp-label">{t('inspector.report.position')}</span>
        <button
          type="button"
          class="phone-btn block"
          disabled={locating}
          data-testid="use-phone"
          onClick={() => void locate()}
        >
          {t(locating ? 'inspector.report.locating' : 'inspector.report.usePhone')}
        </button>
        <p class="muted">
          {at
            ? t('inspector.report.at', { lat: at.lat.toFixed(5), lon: at.lon.toFixed(5) })
            : t('inspector.report.tapMap')}
        </p>
        <PickMap value={at} onPick={setAt} />
        <label>
          {t('inspector.report.address')}
          <input name="address" value={address} onInput={(e) => setAddress((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('inspector.report.description')}
          <textarea
            name="description"
            rows={3}
            value={description}
            onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="phone-btn block primary" disabled={busy} data-testid="send-report">
          {t(busy ? 'inspector.report.sending' : 'inspector.report.submit')}
        </button>
      </form>
    </section>
  );
}
