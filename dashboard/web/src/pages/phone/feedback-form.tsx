/**
 * 处置反馈 on the phone: what was done, and photos from the camera (`capture=environment`), shrunk in the browser to a
 * long side of 1600 px (JPEG) with the time and, when allowed, the position; the case's picture (before) and the
 * newest photo (after) side by side. Submitting hands it to the outbox, which keeps it until the server has it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { serverNow } from '../../lib/config.ts';
import { currentPosition } from './geo.ts';
import type { PendingPhoto } from './outbox/index.ts';
import { shrinkPhoto } from './outbox/shrink.ts';

interface Shot extends PendingPhoto {
  readonly url: string;
}

export function FeedbackForm(props: {
  before?: string;
  onSubmit: (reason: string, photos: PendingPhoto[]) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [shots, setShots] = useState<Shot[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [],
  );
  const add = async (files: FileList | null): Promise<void> => {
    if (!files?.length) return;
    setBusy(true);
    setError(undefined);
    const where = currentPosition();
    try {
      const added: Shot[] = [];
      for (const f of [...files]) {
        try {
          const s = await shrinkPhoto(f);
          added.push({
            blob: s.blob,
            width: s.width,
            height: s.height,
            takenAt: serverNow(),
            url: URL.createObjectURL(s.blob),
          });
          urls.current.push(added.at(-1)!.url);
        } catch {
          setError(t('phone.feedback.notImage', { name: f.name }));
        }
      }
      const pos = await where;
      setShots((old) => [...old, ...added.map((s) => (pos ? { ...s, position: pos } : s))]);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return setError(t('phone.feedback.needText'));
    setBusy(true);
    try {
      await props.onSubmit(
        text.trim(),
        shots.map(({ url: _url, ...p }) => p),
      );
    } finally {
      setBusy(false);
    }
  };
  const after = shots.at(-1);
  return (
    <form class="phone-card phone-form" data-action="handle" noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t('case.action.handle')}</h2>
      <label>
        {t('phone.feedback.text')}
        <textarea
          name="reason"
          rows={3}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label class="phone-btn primary phone-photo-pick">
        {t('phone.feedback.photos', { n: shots.length })}
        <input
          type="file"
          name="photo"
          accept="image/*"
          capture="environment"
          multiple
          disabled={busy}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            void add(input.files).then(() => {
              input.value = '';
            });
          }}
        />
      </label>
      {after && (
        <div class="before-after" data-testid="feedback-preview">
          {props.before && (
            <figure class="evidence-figure">
              <img src={props.before} alt={t('evidence.before')} />
              <figcaption>{t('evidence.before')}</figcaption>
            </figure>
          )}
          <figure class="evidence-figure">
            <img src={after.url} alt={t('evidence.after')} data-width={after.width} data-height={after.height} />
            <figcaption>
              {t('evidence.after')} · {after.width}×{after.height}
              {after.position ? ` · ${t('phone.feedback.located')}` : ''}
            </figcaption>
          </figure>
        </div>
      )}
      {shots.length > 1 && (
        <div class="phone-shots">
          {shots.map((s, i) => (
            <button
              key={s.url}
              type="button"
              class="phone-shot"
              aria-label={t('phone.feedback.remove')}
              onClick={() => setShots(shots.filter((_, j) => j !== i))}
            >
              <img src={s.url} alt="" />
              <span aria-hidden="true">×</span>
            </button>
          ))}
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="phone-form-buttons">
        <button type="button" class="phone-btn" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
        <button type="submit" class="phone-btn primary" disabled={busy}>
          {t('phone.feedback.submit')}
        </button>
      </div>
    </form>
  );
}
