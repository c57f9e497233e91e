/**
 * The phone pages (处置通 for handlers; 城管通 pages for inspectors are added here too): who may open each, whether it
 * is a tab in the bottom bar, its icon and optional badge. Order = order of the tabs. See README.md.
 */
import type { ComponentType } from 'preact';
import type { Route } from '../../lib/router.ts';
import type { Role, Session } from '../../lib/session.ts';
import { MePage } from './me-page.tsx';
import { usePendingCount } from './outbox/index.ts';
import { PhoneCasePage } from './case-page.tsx';
import { CheckPage } from './inspector/check-page.tsx';
import { ChecksPage } from './inspector/checks-page.tsx';
import { ReportPage } from './inspector/report-page.tsx';
import { NoticesPage, useUnreadNotices } from './notices-page.tsx';
import { TasksPage } from './tasks-page.tsx';

export interface PhonePageProps {
  /** The route below "phone/": ["case", "2026…"] for "#/phone/case/2026…". */
  readonly parts: readonly string[];
  readonly route: Route;
  readonly session: Session;
}

export interface PhonePage {
  /** The first route part after "phone/" ("tasks" → "#/phone/tasks"). */
  readonly id: string;
  readonly roles: readonly Role[];
  /** Message key of the title (top bar) and of the tab label. */
  readonly title: string;
  /** Shown in the bottom tab bar (with `icon`); a page that is not a tab gets a back button instead. */
  readonly tab?: { readonly icon: string };
  /** A number shown on the tab (e.g. unread notices), a hook called on every render of the shell. */
  readonly useBadge?: () => number;
  readonly component: ComponentType<PhonePageProps>;
}

export const PHONE_PAGES: readonly PhonePage[] = [
  { id: 'tasks', roles: ['handler'], title: 'phone.tasks.title', tab: { icon: '☰' }, component: TasksPage },
  { id: 'case', roles: ['handler'], title: 'phone.case.title', component: PhoneCasePage },
  { id: 'checks', roles: ['inspector'], title: 'inspector.checks.title', tab: { icon: '✓' }, component: ChecksPage },
  { id: 'report', roles: ['inspector'], title: 'inspector.report.title', tab: { icon: '＋' }, component: ReportPage },
  { id: 'check', roles: ['inspector'], title: 'inspector.check.title', component: CheckPage },
  {
    id: 'notices',
    roles: ['handler', 'inspector'],
    title: 'inspector.notices.title',
    tab: { icon: '✉' },
    useBadge: useUnreadNotices,
    component: NoticesPage,
  },
  {
    id: 'me',
    roles: ['handler', 'inspector'],
    title: 'phone.me.title',
    tab: { icon: '◉' },
    useBadge: usePendingCount,
    component: MePage,
  },
];

export function phonePagesFor(role: Role): PhonePage[] {
  return PHONE_PAGES.filter((p) => p.roles.includes(role));
}

/** The page a role starts on at "#/phone" (the first tab it may open), undefined for roles without phone pages. */
export function phoneHome(role: Role): PhonePage | undefined {
  return phonePagesFor(role).find((p) => p.tab);
}
