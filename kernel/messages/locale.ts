/**
 * The locales gridwatch speaks and how a reader's is chosen: shared by the server (kernel/messages) and the web UI
 * (dashboard/web/src/i18n), so both pick the same language from the same Accept-Language header.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Pick a supported locale from an Accept-Language header; `dflt` when it names none. */
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
