/**
 * 单位与联系人 (read-only): each unit with what is routed to it, its push channels (duty phones to @-mention, the
 * leaders group that hears 督办) and its users. Units and channels are configuration: the page says where to change
 * them (the file and its sections), because the one config schema checks them together with routing and grid.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { categoryName, configStore } from '../../lib/config.ts';
import { type ChannelView, type ConfigSource, type UnitView, adminApi } from './admin-api.ts';

export function SourceNote({ source }: { source: ConfigSource }) {
  return (
    <p class="admin-note" data-testid="config-source">
      {t('admin.source', {
        file: source.file ?? t('admin.sourceDemo'),
        paths: source.paths.join(', '),
        command: 'gridwatch config check',
      })}
    </p>
  );
}

export function ChannelLine({ c }: { c: ChannelView }) {
  return (
    <li class="channel" data-channel={c.id}>
      <span class="badge">{t(`admin.kind.${c.kind}`)}</span> <b>{c.id}</b>
      {c.leaders && <span class="badge supervised">{t('admin.leaders')}</span>} <code class="muted">{c.url}</code>
      {c.mentionMobiles.length > 0 && (
        <span class="muted"> · {t('admin.mention', { phones: c.mentionMobiles.join('、') })}</span>
      )}
      <div class="muted small">
        {t('admin.events')}: {c.events.map((e) => t(`admin.event.${e}`)).join('、')}
      </div>
    </li>
  );
}

/** "01-*" → "01 市容环境（大类）", "05-04" → "05-04 店外经营", "*" → all categories. */
export function routeLabel(category: string): string {
  if (category === '*') return t('admin.units.allCategories');
  const m = /^(\d{2})-\*$/.exec(category);
  if (!m) return `${category} ${categoryName(category)}`;
  const major = configStore.get()?.categories.find((c) => c.code.startsWith(`${m[1]}-`))?.major;
  return t('admin.units.major', { code: m[1]!, name: major ?? '' });
}

function UnitCard({ u }: { u: UnitView }) {
  return (
    <article class="card unit-card" data-unit={u.id}>
      <h3>
        {u.name} <span class="muted">{u.id}</span>{' '}
        {u.contractor && <span class="badge">{t('admin.units.contractor')}</span>}
      </h3>
      <h4>{t('admin.units.routing')}</h4>
      {u.routing.length === 0 ? (
        <p class="muted">{t('admin.units.noRouting')}</p>
      ) : (
        <ul>
          {u.routing.map((r) => (
            <li key={`${r.category}|${r.grid}`}>
              {routeLabel(r.category)}
              {r.grid !== '*' && <span class="muted"> · {t('admin.units.gridPrefix', { prefix: r.grid })}</span>}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('admin.units.channels')}</h4>
      {u.channels.length === 0 ? (
        <p class="muted">{t('admin.units.noChannels')}</p>
      ) : (
        <ul class="channels">
          {u.channels.map((c) => (
            <ChannelLine key={c.id} c={c} />
          ))}
        </ul>
      )}
      <h4>{t('admin.units.people')}</h4>
      {u.users.length === 0 ? (
        <p class="muted">{t('admin.units.noPeople')}</p>
      ) : (
        <ul>
          {u.users.map((p) => (
            <li key={p.username}>
              {p.name ?? p.username}{' '}
              <span class="muted">
                {p.username} · {t(`role.${p.role}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function UnitsTab() {
  const [data, setData] = useState<{ source: ConfigSource; units: UnitView[] }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    adminApi.units().then(setData, (e: Error) => setError(e.message));
  }, []);
  return (
    <section class="panel admin-panel" data-testid="admin-units">
      <div class="panel-head">
        <h2>
          {t('admin.tab.units')} <span class="count">{data?.units.length ?? ''}</span>
        </h2>
      </div>
      {error && <p class="form-error">{error}</p>}
      {data && <SourceNote source={data.source} />}
      <div class="unit-cards">
        {data?.units.map((u) => (
          <UnitCard key={u.id} u={u} />
        ))}
      </div>
    </section>
  );
}
