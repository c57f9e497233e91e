/**
 * 集群 (read-only, a core node): the nodes from their heartbeats — role, version, last heartbeat, the cameras and
 * vehicles each holds, its evidence spool — and the bridge's hit lag and dropped findings (GET /api/cluster, every
 * 5 s). A single gridwatch (role all) has no cluster: the tab says so.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClusterView } from '../../../../../cluster/view-types.ts';
import { fmt } from '../../i18n/fmt.ts';
import { t } from '../../i18n/index.ts';
import { api, ApiError } from '../../lib/api.ts';

const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

function Figures({ v }: { v: ClusterView }) {
  const h = v.hits;
  const dropped = h.dropped.invalid + h.dropped.notHolder + h.dropped.staleGeneration;
  return (
    <dl class="cluster-figures">
      <dt>{t('cluster.processed')}</dt>
      <dd data-figure="processed">{h.processed}</dd>
      <dt>{t('cluster.duplicates')}</dt>
      <dd>{h.duplicates}</dd>
      <dt>{t('cluster.late')}</dt>
      <dd data-figure="late">{h.late}</dd>
      <dt>{t('cluster.dropped')}</dt>
      <dd class={dropped > 0 ? 'overdue' : ''} data-figure="dropped">
        {dropped}
        {dropped > 0 &&
          ` (${t('cluster.drop.notHolder')} ${h.dropped.notHolder}、${t('cluster.drop.staleGeneration')} ` +
            `${h.dropped.staleGeneration}、${t('cluster.drop.invalid')} ${h.dropped.invalid})`}
      </dd>
      <dt>{t('cluster.lag')}</dt>
      <dd>
        {h.lagMs.samples > 0
          ? `P50 ${ms(h.lagMs.p50)} · P99 ${ms(h.lagMs.p99)} · ${t('cluster.max')} ${ms(h.lagMs.max)}`
          : '—'}
      </dd>
      <dt>{t('cluster.broker')}</dt>
      <dd>{v.connected ? t('cluster.connected') : t('cluster.disconnected')}</dd>
    </dl>
  );
}

export function ClusterTab() {
  const [data, setData] = useState<ClusterView>();
  const [single, setSingle] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const load = (): void => {
      api.get<ClusterView>('/api/cluster').then(
        (v) => {
          setData(v);
          setError(undefined);
        },
        (e: Error) => (e instanceof ApiError && e.status === 404 ? setSingle(true) : setError(e.message)),
      );
    };
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section class="panel admin-panel" data-testid="admin-cluster">
      <div class="panel-head">
        <h2>{t('cluster.title')}</h2>
      </div>
      {error && <p class="form-error">{error}</p>}
      {single && <p class="empty">{t('cluster.single')}</p>}
      {data && <Figures v={data} />}
      {data && (
        <table class="data plain">
          <thead>
            <tr>
              <th>{t('cluster.node')}</th>
              <th>{t('cluster.role')}</th>
              <th>{t('cluster.version')}</th>
              <th>{t('cluster.state')}</th>
              <th>{t('cluster.heartbeat')}</th>
              <th>{t('cluster.started')}</th>
              <th>{t('cluster.holds')}</th>
              <th class="num">{t('cluster.spool')}</th>
              <th class="num">{t('cluster.unacked')}</th>
              <th class="num">{t('cluster.outbox')}</th>
              <th class="num">{t('cluster.published')}</th>
              <th class="num">{t('cluster.nodeDropped')}</th>
            </tr>
          </thead>
          <tbody>
            <tr data-node={data.self.nodeId}>
              <td>{data.self.nodeId}</td>
              <td>{t('cluster.role.core')}</td>
              <td>{data.self.version}</td>
              <td>{t('cluster.online')}</td>
              <td colSpan={8} class="muted">
                {t('cluster.self')}
              </td>
            </tr>
            {data.nodes.map((n) => (
              <tr key={n.nodeId} data-node={n.nodeId} class={n.stale ? 'muted' : ''}>
                <td>{n.nodeId}</td>
                <td>{t(`cluster.role.${n.role}`)}</td>
                <td>{n.version}</td>
                <td class={n.stale ? 'overdue' : ''}>{n.stale ? t('cluster.offline') : t('cluster.online')}</td>
                <td>{fmt.dateTime(n.at)}</td>
                <td>{fmt.dateTime(n.startedAt)}</td>
                <td>
                  {n.cameras.length > 0 && `${t('cluster.cameras')} ${n.cameras.join('、')}`}
                  {n.vehicles.length > 0 && `${t('cluster.vehicles')} ${n.vehicles.join('、')}`}
                  {n.cameras.length + n.vehicles.length === 0 && '—'}
                </td>
                <td class="num">{n.spool}</td>
                <td class="num">{n.unacked}</td>
                <td class="num">{n.outbox ?? '—'}</td>
                <td class="num">{n.published}</td>
                <td class={`num ${n.dropped > 0 ? 'overdue' : ''}`}>{n.dropped}</td>
              </tr>
            ))}
            {data.nodes.length === 0 && (
              <tr>
                <td colSpan={11} class="empty">
                  {t('cluster.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
