/**
 * SQL text outside string literals, quoted identifiers, comments and dollar quotes: the `?` → `$n` rewrite for
 * PostgreSQL and the DDL type translation both apply to those parts only.
 */

/** Apply `fn` to every part of `sql` that is code (not a literal, quoted identifier, comment or dollar quote). */
export function mapCode(sql: string, fn: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  const flush = (): void => {
    if (code) out += fn(code);
    code = '';
  };
  while (i < sql.length) {
    const end = skipQuoted(sql, i);
    if (end === i) {
      code += sql[i];
      i += 1;
      continue;
    }
    flush();
    out += sql.slice(i, end);
    i = end;
  }
  flush();
  return out;
}

/** If a literal, quoted identifier, comment or dollar quote starts at `i`, the index just after it; else `i`. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') return closeQuote(sql, i, c);
  if (c === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? sql.length : close + 2;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close < 0 ? sql.length : close + tag[0].length;
    }
  }
  return i;
}

function closeQuote(sql: string, i: number, q: string): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf(q, j);
    if (k < 0) return sql.length;
    if (sql[k + 1] === q) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** `?` placeholders → `$1`, `$2`, … (PostgreSQL), and how many there are. */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let n = 0;
  const text = mapCode(sql, (code) =>
    code.replace(/\?/g, () => {
      n += 1;
      return `$${n}`;
    }),
  );
  return { text, count: n };
}
