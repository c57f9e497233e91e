/** The UI configuration from the server, and display names in the current language. */
import type { UiConfig } from '../../../ui-config.ts';
import { applyDefaultLocale, localeStore, t, timeZoneStore } from '../i18n/index.ts';
import { api } from './api.ts';
import { createStore } from './store.ts';

export type { UiConfig };
export const configStore = createStore<UiConfig | undefined>(undefined);

export async function loadConfig(): Promise<UiConfig> {
  const sent = Date.now();
  const cfg = await api.get<UiConfig>('/api/ui/config');
  clockOffset = cfg.serverTime - (sent + Date.now()) / 2;
  applyDefaultLocale(cfg.locale);
  timeZoneStore.set(cfg.timezone);
  configStore.set(cfg);
  return cfg;
}

let clockOffset = 0;

/** The server's time now: deadlines, "overdue" and "5 min ago" follow the server's clock, not the browser's. */
export function serverNow(): number {
  return Date.now() + clockOffset;
}

const cfg = (): UiConfig | undefined => configStore.get();
const en = (): boolean => localeStore.get() === 'en';

export function categoryName(code: string | undefined): string {
  if (!code) return '—';
  const c = cfg()?.categories.find((x) => x.code === code);
  return c ? (en() ? (c.nameEn ?? c.name) : c.name) : code;
}

export function unitName(id: string | undefined): string {
  if (!id) return '—';
  return cfg()?.units.find((u) => u.id === id)?.name ?? id;
}

export function cameraName(id: string | undefined): string {
  if (!id) return '—';
  return cfg()?.cameras.find((c) => c.id === id)?.name ?? id;
}

/** The vehicle's name; a vehicle of the simulated fleet says so (模拟). */
export function vehicleName(id: string | undefined): string {
  if (!id) return '—';
  const v = cfg()?.vehicles.find((x) => x.id === id);
  const name = v?.name ?? id;
  if (!v?.simulated) return name;
  return en() ? `${name} (${t('map.simulated')})` : `${name}（${t('map.simulated')}）`;
}
