/** Message lookup shared by the web UI and the server (API error messages): flat keys, "{name}" placeholders. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export type Messages = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

/** The message for `key` with `{param}` placeholders filled; the fallback locale, then the key itself, when missing. */
export function translate(messages: Messages, fallback: Messages, key: string, params: Params = {}): string {
  const template = messages[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Pick a supported locale from an Accept-Language header (or a stored choice); `dflt` when nothing matches. */
export function pickLocale(header: string | null | undefined, dflt: Locale): Locale {
  if (!header) return dflt;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return dflt;
}
