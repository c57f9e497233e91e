/**
 * The camera's false-alarm masks (误报屏蔽区): where an operator judged a finding a false alarm, later findings of the
 * same rule and zone are kept as suppressed hits. Each can be extended by 7 days or lifted (findings there open cases
 * again); the suppressed hits so far are counted and listed.
 */
import { t } from '../../i18n/index.ts';
import { fmt } from '../../i18n/fmt.ts';
import { api, ApiError } from '../../lib/api.ts';
import type { Hit, SuppressionMask } from '../../lib/types.ts';

export function MaskList(props: {
  masks: readonly SuppressionMask[];
  suppressed: readonly Hit[];
  onChanged: (message: { ok: boolean; text: string }) => void;
}) {
  const act = async (m: SuppressionMask, what: 'extend' | 'lift'): Promise<void> => {
    try {
      await api.post(`/api/suppressions/${encodeURIComponent(m.id)}/${what}`, what === 'extend' ? { days: 7 } : {});
      props.onChanged({ ok: true, text: t(what === 'extend' ? 'masks.extended' : 'masks.lifted') });
    } catch (err) {
      props.onChanged({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <section class="mask-list" data-testid="mask-list">
      <h3>{t('masks.title')}</h3>
      {props.masks.length === 0 && <p class="muted">{t('masks.none')}</p>}
      <ul>
        {props.masks.map((m) => {
          const hits = props.suppressed.filter((h) => h.suppressed?.maskId === m.id);
          return (
            <li key={m.id} class="card" data-mask={m.id}>
              <p>
                <strong>{m.zoneId}</strong> · {m.reason ? t(`verdict.reason.${m.reason}`) : ''}
                {m.note ? ` · ${m.note}` : ''}
              </p>
              <p class="muted">
                {t('masks.by', { user: m.by, at: fmt.dateTime(m.createdAt) })} ·{' '}
                {t('masks.until', { until: fmt.dateTime(m.until) })}
              </p>
              <p data-testid="mask-suppressed">{t('masks.suppressedHits', { n: hits.length })}</p>
              {hits.length > 0 && (
                <ul class="muted small">
                  {hits.slice(0, 5).map((h) => (
                    <li key={h.id}>
                      {fmt.dateTime(h.start)} · {h.id}
                    </li>
                  ))}
                </ul>
              )}
              <div class="actions">
                <button type="button" class="btn small" onClick={() => void act(m, 'extend')}>
                  {t('masks.extend')}
                </button>
                <button
                  type="button"
                  class="btn small danger"
                  data-testid="lift-mask"
                  onClick={() => void act(m, 'lift')}
                >
                  {t('masks.lift')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
