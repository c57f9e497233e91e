/** Message lookup shared by the web UI and the server (API error messages): flat keys, "{name}" placeholders. */
export { LOCALES, pickLocale, type Locale } from '../../../../kernel/messages/locale.ts';
export type Messages = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

/** The message for `key` with `{param}` placeholders filled; the fallback locale, then the key itself, when missing. */
export function translate(messages: Messages, fallback: Messages, key: string, params: Params = {}): string {
  const template = messages[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
