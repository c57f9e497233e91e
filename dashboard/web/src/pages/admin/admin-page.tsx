/**
 * 系统管理 (admins only): users, units and their contacts, inspectors' grid cells, Open311 api keys, push channels
 * and the audit log, one tab each (#/admin/<tab>); 集群 (the cluster's nodes) on a core node.
 */
import { t } from '../../i18n/index.ts';
import { href, type Route } from '../../lib/router.ts';
import type { Session } from '../../lib/session.ts';
import { ApiKeysTab } from './apikeys-tab.tsx';
import { AuditTab } from './audit-tab.tsx';
import { CellsTab } from './cells-tab.tsx';
import { ChannelsTab } from './channels-tab.tsx';
import { ClusterTab } from './cluster-tab.tsx';
import { UnitsTab } from './units-tab.tsx';
import { UsersTab } from './users-tab.tsx';

export const ADMIN_TABS = ['users', 'units', 'cells', 'apikeys', 'channels', 'audit', 'cluster'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

function Body({ tab, route, session }: { tab: AdminTab; route: Route; session: Session }) {
  switch (tab) {
    case 'users':
      return <UsersTab me={session.user.username} />;
    case 'units':
      return <UnitsTab />;
    case 'cells':
      return <CellsTab />;
    case 'apikeys':
      return <ApiKeysTab />;
    case 'channels':
      return <ChannelsTab />;
    case 'audit':
      return <AuditTab route={route} />;
    case 'cluster':
      return <ClusterTab />;
  }
}

export function AdminPage({ route, session }: { route: Route; session: Session }) {
  const tab = ADMIN_TABS.find((x) => x === route.parts[1]) ?? 'users';
  return (
    <div class="admin" data-tab={tab}>
      <nav class="admin-tabs" aria-label={t('nav.admin')}>
        {ADMIN_TABS.map((x) => (
          <a key={x} href={href(['admin', x])} class={x === tab ? 'active' : ''} data-tab={x}>
            {x === 'cluster' ? t('cluster.tab') : t(`admin.tab.${x}`)}
          </a>
        ))}
      </nav>
      <Body tab={tab} route={route} session={session} />
    </div>
  );
}
