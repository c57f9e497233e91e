/** UI text and formats: zh-CN by default (or the server's server.locale), English switchable, choice remembered. */
import { createStore, useStore } from '../lib/store.ts';
import { LOCALES, translate, type Locale, type Params } from './format.ts';
import { MESSAGES } from './messages.ts';

const KEY = 'gridwatch.locale';

function stored(): Locale | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return LOCALES.find((l) => l === v);
  } catch {
    return undefined;
  }
}

export const localeStore = createStore<Locale>(stored() ?? 'zh-CN');
/** Time zone dates are shown in (the work calendar's); the browser's until the UI config arrives. */
export const timeZoneStore = createStore<string | undefined>(undefined);

export function setLocale(locale: Locale, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  document.documentElement.lang = locale;
  localeStore.set(locale);
}

/** Use the server's default unless the user chose a language before. */
export function applyDefaultLocale(serverDefault: Locale): void {
  if (!stored()) setLocale(serverDefault, false);
}

export function t(key: string, params?: Params): string {
  return translate(MESSAGES[localeStore.get()], MESSAGES.en, key, params);
}

export function useLocale(): Locale {
  return useStore(localeStore);
}

export type { Locale, Params };
export { LOCALES };
