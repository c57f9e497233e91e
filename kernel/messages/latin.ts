/**
 * Latin words in a zh-CN text: what the message test (and the UI pack scan) reject. Allowed: words holding a digit
 * (case numbers, ids, codes such as 05-04, plates such as 粤B12345), single capital letters (plate letters), and the
 * short explicit list of units and acronyms below. Nothing else: a new word needs a reason to be here.
 */
export const LATIN_ALLOWED: ReadonlySet<string> = new Set([
  // units
  'km',
  'm',
  'h',
  'km/h',
  // acronyms with no usual Chinese word
  'GPS',
  'API',
  'ID',
  'CSV',
  'JSON',
  'PDF',
  'Excel',
  'CSRF',
]);

/** Keys whose zh-CN text is Latin on purpose: a language's own name in the language switcher. */
export const LATIN_KEYS: ReadonlySet<string> = new Set(['lang.en']);

/** The Latin words of `s` that are not allowed in a zh-CN text. */
export function latinWords(s: string): string[] {
  const words = s.match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? [];
  return words
    .map((w) => w.replace(/[./-]+$/, ''))
    .filter((w) => !LATIN_ALLOWED.has(w) && !/\d/.test(w) && !/^[A-Z]$/.test(w));
}
