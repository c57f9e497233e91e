/**
 * Evidence of a hit or case: the annotated picture large, before/after side by side when the case has a verification
 * picture (核查), clips in a player (MP4 natively, FLV recordings through mpegts.js), feedback photos as thumbnails.
 * Click a thumbnail to show it large.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { fmt } from '../i18n/fmt.ts';
import { FlvVideo } from './flv-video.tsx';
import { TrackMap } from './track-map.tsx';

export interface EvidenceItem {
  readonly url: string;
  readonly kind: 'snapshot' | 'annotated' | 'clip' | 'track' | 'photo';
  readonly mime: string;
  readonly ts: number;
}

const isImage = (e: EvidenceItem): boolean => e.mime.startsWith('image/');

function Picture({ item, label }: { item: EvidenceItem; label: string }) {
  return (
    <figure class="evidence-figure">
      <img src={item.url} alt={label} data-kind={item.kind} />
      <figcaption>
        {label} · {fmt.dateTime(item.ts)}
      </figcaption>
    </figure>
  );
}

export function EvidenceViewer({ items }: { items: readonly EvidenceItem[] }) {
  const images = items.filter(isImage);
  const clips = items.filter((e) => e.mime.startsWith('video/'));
  const track = items.filter((e) => e.kind === 'track').at(-1);
  const [chosen, setChosen] = useState(0);
  if (items.length === 0) return <p class="muted">{t('evidence.none')}</p>;
  const main = images.find((e) => e.kind === 'annotated') ?? images[0];
  const before = images.filter((e) => e.kind !== 'photo');
  const after = images.filter((e) => e.kind === 'photo').at(-1);
  const big = images[chosen] ?? main;
  return (
    <div class="evidence">
      {after && before[0] ? (
        <div class="before-after">
          <Picture item={before.find((e) => e.kind === 'annotated') ?? before[0]} label={t('evidence.before')} />
          <Picture item={after} label={t('evidence.after')} />
        </div>
      ) : (
        big && <Picture item={big} label={t(`evidence.kind.${big.kind}`)} />
      )}
      {track && <TrackMap url={track.url} ts={track.ts} />}
      {clips.map((c) => (
        <figure key={c.url} class="evidence-figure">
          {c.mime === 'video/x-flv' ? (
            <FlvVideo url={c.url} live={false} controls />
          ) : (
            // biome-ignore lint/a11y/useMediaCaption: street-camera clips have no speech to caption
            <video src={c.url} controls preload="metadata" data-kind="clip" />
          )}
          <figcaption>
            {t('evidence.kind.clip')} · {fmt.dateTime(c.ts)}
          </figcaption>
        </figure>
      ))}
      {images.length > 1 && (
        <div class="thumbs">
          {images.map((e, i) => (
            <button
              key={e.url}
              type="button"
              class={`thumb-btn ${i === chosen ? 'active' : ''}`}
              onClick={() => setChosen(i)}
            >
              <img src={e.url} alt={t(`evidence.kind.${e.kind}`)} />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
