/** 推送渠道 (read-only): webhook targets and robot channels from the configuration, with their delivery state. */
import { useEffect, useState } from 'preact/hooks';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { unitName } from '../../lib/config.ts';
import { type ChannelsAnswer, type Deliveries, adminApi } from './admin-api.ts';
import { SourceNote } from './units-tab.tsx';

function DeliveryCells({ d }: { d: Deliveries }) {
  return (
    <>
      <td class="num">{d.delivered}</td>
      <td class="num">{d.pending}</td>
      <td class={`num ${d.failed > 0 ? 'overdue' : ''}`}>{d.failed}</td>
      <td>{fmt.dateTime(d.lastDeliveredAt)}</td>
      <td class="muted">{d.lastError ?? '—'}</td>
    </>
  );
}

function DeliveryHead() {
  return (
    <>
      <th class="num">{t('admin.channels.delivered')}</th>
      <th class="num">{t('admin.channels.pending')}</th>
      <th class="num">{t('admin.channels.failed')}</th>
      <th>{t('admin.channels.last')}</th>
      <th>{t('admin.channels.lastError')}</th>
    </>
  );
}

export function ChannelsTab() {
  const [data, setData] = useState<ChannelsAnswer>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    adminApi.channels().then(setData, (e: Error) => setError(e.message));
  }, []);
  const units = (ids: readonly string[]): string =>
    ids.map((u) => (u === '*' ? t('admin.channels.allUnits') : unitName(u))).join('、');
  return (
    <section class="panel admin-panel" data-testid="admin-channels">
      <div class="panel-head">
        <h2>{t('admin.tab.channels')}</h2>
      </div>
      {error && <p class="form-error">{error}</p>}
      {data && <SourceNote source={data.source} />}
      <h3>{t('admin.channels.robots')}</h3>
      <table class="data plain">
        <thead>
          <tr>
            <th>{t('admin.channels.id')}</th>
            <th>{t('admin.channels.kind')}</th>
            <th>{t('admin.channels.units')}</th>
            <th>{t('admin.channels.url')}</th>
            <DeliveryHead />
          </tr>
        </thead>
        <tbody>
          {data?.channels.map((c) => (
            <tr key={c.id} data-channel={c.id}>
              <td>
                {c.id} {c.leaders && <span class="badge supervised">{t('admin.leaders')}</span>}
              </td>
              <td>{t(`admin.kind.${c.kind}`)}</td>
              <td>{units(c.units)}</td>
              <td>
                <code class="muted">{c.url}</code>
              </td>
              <DeliveryCells d={c.deliveries} />
            </tr>
          ))}
          {data?.channels.length === 0 && (
            <tr>
              <td colSpan={9} class="empty">
                {t('admin.channels.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>{t('admin.channels.webhooks')}</h3>
      <table class="data plain">
        <thead>
          <tr>
            <th>{t('admin.channels.id')}</th>
            <th>{t('admin.channels.url')}</th>
            <th>{t('admin.events')}</th>
            <DeliveryHead />
          </tr>
        </thead>
        <tbody>
          {data?.webhooks.map((w) => (
            <tr key={w.id} data-webhook={w.id}>
              <td>{w.id}</td>
              <td>
                <code class="muted">{w.url}</code>
              </td>
              <td>{w.events.map((e) => t(`admin.hook.${e}`)).join('、')}</td>
              <DeliveryCells d={w.deliveries} />
            </tr>
          ))}
          {data?.webhooks.length === 0 && (
            <tr>
              <td colSpan={8} class="empty">
                {t('admin.channels.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
