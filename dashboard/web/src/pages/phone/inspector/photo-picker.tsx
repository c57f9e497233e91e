/**
 * Photos from the phone camera (`<input type=file accept=image/* capture=environment>`), shrunk in the browser to a
 * long side of 1600 px (handler's `outbox/shrink.ts`) before they are sent; thumbnails with a remove button each.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/index.ts';
import { shrinkPhoto } from '../outbox/shrink.ts';

export interface Shot {
  readonly blob: Blob;
  readonly url: string;
}

export function PhotoPicker(props: { shots: readonly Shot[]; onChange: (shots: Shot[]) => void; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const shots = useRef(props.shots);
  shots.current = props.shots;
  useEffect(
    () => () => {
      for (const s of shots.current) URL.revokeObjectURL(s.url);
    },
    [],
  );
  const add = async (files: FileList | null): Promise<void> => {
    if (!files?.length) return;
    setBusy(true);
    setError(undefined);
    const added: Shot[] = [];
    for (const f of [...files]) {
      try {
        const s = await shrinkPhoto(f);
        added.push({ blob: s.blob, url: URL.createObjectURL(s.blob) });
      } catch {
        setError(t('inspector.report.notImage', { name: f.name }));
      }
    }
    setBusy(false);
    props.onChange([...shots.current, ...added].slice(0, 4));
  };
  return (
    <div class="insp-photos">
      <div class="insp-thumbs">
        {props.shots.map((s, i) => (
          <figure key={s.url} class="insp-thumb">
            <img src={s.url} alt={`${props.label} ${i + 1}`} data-testid="shot" />
            <button
              type="button"
              class="phone-btn insp-remove"
              aria-label={t('inspector.report.removePhoto')}
              onClick={() => {
                URL.revokeObjectURL(s.url);
                props.onChange(props.shots.filter((x) => x !== s));
              }}
            >
              ×
            </button>
          </figure>
        ))}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="camera-input"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          void add(el.files).finally(() => {
            el.value = '';
          });
        }}
      />
      {props.shots.length < 4 && (
        <button
          type="button"
          class="phone-btn block"
          data-testid="take-photo"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {t('inspector.report.takePhoto')}
        </button>
      )}
    </div>
  );
}
