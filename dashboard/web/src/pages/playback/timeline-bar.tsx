/** The playback timeline: recorded spans, hits and cases as marks, the play position; click to play from there. */
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import type { Recording } from './playback-api.ts';

const pct = (ts: number, from: number, to: number): number =>
  Math.min(100, Math.max(0, ((ts - from) / (to - from)) * 100));

export function TimelineBar(props: { rec: Recording; position?: number; onPick: (ts: number) => void }) {
  const { rec } = props;
  const { from, to } = rec;
  const ticks = Array.from({ length: 7 }, (_, i) => from + ((to - from) * i) / 6);
  return (
    <div class="pb-timeline" data-testid="timeline-bar">
      <div
        class="pb-track"
        role="slider"
        aria-label={t('playback.timeline')}
        aria-valuemin={from}
        aria-valuemax={to}
        aria-valuenow={props.position ?? from}
        tabIndex={0}
        onKeyDown={(e) => {
          // arrow keys step the play position by 10 s
          const step = e.key === 'ArrowLeft' ? -10_000 : e.key === 'ArrowRight' ? 10_000 : 0;
          if (step) props.onPick((props.position ?? from) + step);
        }}
        onClick={(e) => {
          const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
          props.onPick(from + ((e.clientX - box.left) / box.width) * (to - from));
        }}
      >
        {rec.spans.map((s) => (
          <span
            key={s.start}
            class="pb-span"
            style={{ left: `${pct(s.start, from, to)}%`, width: `${pct(s.end, from, to) - pct(s.start, from, to)}%` }}
            title={`${fmt.time(s.start)} – ${fmt.time(s.end)}`}
          />
        ))}
        {rec.hits.map((h) => (
          <span
            key={h.id}
            class="pb-hit"
            style={{
              left: `${pct(h.start, from, to)}%`,
              width: `${Math.max(0.4, pct(h.end, from, to) - pct(h.start, from, to))}%`,
            }}
            title={`${t('playback.hit')} ${h.category} ${fmt.time(h.start)}`}
          />
        ))}
        {rec.cases.map((c) => (
          <span
            key={c.id}
            class="pb-case"
            style={{ left: `${pct(c.createdAt, from, to)}%` }}
            title={`${t('playback.case')} ${c.id} ${fmt.time(c.createdAt)}`}
          />
        ))}
        {props.position !== undefined && props.position >= from && props.position <= to && (
          <span class="pb-cursor" style={{ left: `${pct(props.position, from, to)}%` }} />
        )}
      </div>
      <div class="pb-ticks muted">
        {ticks.map((ts) => (
          <span key={ts}>{fmt.time(ts)}</span>
        ))}
      </div>
      <div class="pb-legend muted">
        <span class="pb-key pb-span-key" /> {t('playback.recorded')} <span class="pb-key pb-hit-key" />{' '}
        {t('playback.hit')} <span class="pb-key pb-case-key" /> {t('playback.case')}
      </div>
    </div>
  );
}
