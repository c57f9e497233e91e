/** The admin API (dashboard/admin/): types of its answers and the calls the admin pages make. */
import type { Role } from '../../../../../kernel/types/user.ts';
import { api, query, request } from '../../lib/api.ts';

export interface AdminUser {
  readonly username: string;
  readonly role: Role;
  readonly unit?: string;
  readonly name?: string;
  readonly disabled: boolean;
  /** An inspector's grid cells. */
  readonly cells?: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewUser {
  readonly username: string;
  readonly role: Role;
  readonly unit?: string;
  readonly name?: string;
  readonly cells?: readonly string[];
  readonly password: string;
}

export interface UserChange {
  readonly role?: Role;
  readonly unit?: string | null;
  readonly name?: string;
  readonly disabled?: boolean;
  readonly cells?: readonly string[];
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt?: number;
  readonly lastUsedAt?: number;
}

export interface ChannelView {
  readonly id: string;
  readonly kind: 'wecom' | 'dingtalk' | 'webhook';
  readonly url: string;
  readonly signed: boolean;
  readonly units: readonly string[];
  readonly events: readonly string[];
  readonly leaders: boolean;
  readonly mentionMobiles: readonly string[];
}

export interface Deliveries {
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
  readonly lastDeliveredAt?: number;
  readonly lastError?: string;
}

export interface ConfigSource {
  readonly file: string | null;
  readonly paths: readonly string[];
}

export interface UnitView {
  readonly id: string;
  readonly name: string;
  readonly contractor: boolean;
  readonly routing: readonly { readonly category: string; readonly grid: string }[];
  readonly channels: readonly ChannelView[];
  readonly users: readonly { readonly username: string; readonly name?: string; readonly role: Role }[];
}

export interface ChannelsAnswer {
  readonly source: ConfigSource;
  readonly webhooks: readonly {
    readonly id: string;
    readonly url: string;
    readonly events: readonly string[];
    readonly deliveries: Deliveries;
  }[];
  readonly channels: readonly (ChannelView & { readonly deliveries: Deliveries })[];
}

export const AUDIT_KINDS = ['login', 'login-failed', 'logout', 'case', 'admin', 'other'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor?: string;
  readonly role?: string;
  readonly ip?: string;
  readonly kind: AuditKind;
  readonly action: string;
  readonly target?: string;
  readonly detail?: string;
  readonly status?: number;
}

export interface AuditFilter {
  readonly user?: string;
  readonly kind?: string;
  readonly from?: string;
  readonly to?: string;
  readonly text?: string;
}

const u = (name: string): string => encodeURIComponent(name);

export const adminApi = {
  users: () => api.get<{ users: AdminUser[] }>('/api/admin/users').then((r) => r.users),
  addUser: (user: NewUser) => api.post<AdminUser>('/api/admin/users', user),
  changeUser: (username: string, change: UserChange) =>
    request<AdminUser>('PATCH', `/api/admin/users/${u(username)}`, change),
  resetPassword: (username: string, password: string) =>
    api.post<{ ok: true }>(`/api/admin/users/${u(username)}/password`, { password }),
  keys: () => api.get<{ keys: ApiKey[] }>('/api/admin/apikeys').then((r) => r.keys),
  addKey: (name: string) => api.post<{ id: string; key: string }>('/api/admin/apikeys', { name }),
  revokeKey: (id: string) => api.post<{ ok: true }>(`/api/admin/apikeys/${u(id)}/revoke`),
  units: () => api.get<{ source: ConfigSource; units: UnitView[] }>('/api/admin/units'),
  channels: () => api.get<ChannelsAnswer>('/api/admin/channels'),
  audit: (f: AuditFilter) =>
    api.get<{ total: number; items: AuditEntry[] }>(`/api/admin/audit${query({ ...f, limit: 1000 })}`),
};

/** The export link for the filtered audit log (the browser downloads it with the session cookie). */
export function auditExportUrl(format: 'csv' | 'xlsx', f: AuditFilter, lang: string): string {
  return `/api/admin/audit.${format}${query({ ...f, lang })}`;
}
