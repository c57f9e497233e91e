/**
 * The checks of the message test (messages.test.ts), as pure functions so the test can also show them failing on
 * planted mistakes: both languages have every key with the same placeholders, every key used in the sources exists
 * and its call fills every placeholder, a rendering with sample values leaves no placeholder, and a zh-CN rendering
 * holds no Latin words beyond latin.ts's allow-list.
 */
import ts from 'typescript';
import type { Catalog, Locale } from './catalog.ts';
import { latinWords, LATIN_KEYS } from './latin.ts';
import { fill } from './render.ts';

export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Sample values by placeholder name (a time, a duration, names as a Chinese city would have them); else "样例". */
const SAMPLES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  duration: { 'zh-CN': '5 分钟', en: '5 min' },
  time: { 'zh-CN': '12月5日 20:15', en: '5 Dec, 20:15' },
};
const sample = (name: string, locale: Locale): string =>
  SAMPLES[name]?.[locale] ??
  (/^(n|count|hours|repeat|m|h|km|meters|minutes|seconds|percent)$/.test(name) ? '3' : '样例');

/** Problems of a pair of catalogs (empty: fine). */
export function checkCatalogs(cat: Readonly<Record<Locale, Catalog>>): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(cat['zh-CN']), ...Object.keys(cat.en)]);
  for (const key of keys) {
    const zh = cat['zh-CN'][key];
    const en = cat.en[key];
    if (zh === undefined) out.push(`${key}: missing in zh-CN`);
    if (en === undefined) out.push(`${key}: missing in en`);
    if (zh === undefined || en === undefined) continue;
    if (placeholders(zh).join() !== placeholders(en).join())
      out.push(`${key}: placeholders differ (zh-CN {${placeholders(zh)}} vs en {${placeholders(en)}})`);
    for (const locale of ['zh-CN', 'en'] as const) {
      const template = cat[locale][key]!;
      const values = Object.fromEntries(placeholders(template).map((p) => [p, sample(p, locale)]));
      const shown = fill(template, values);
      if (/[{}]/.test(shown)) out.push(`${key} (${locale}): placeholder left unfilled: "${shown}"`);
      if (locale === 'zh-CN' && !LATIN_KEYS.has(key)) {
        const latin = latinWords(shown);
        if (latin.length > 0) out.push(`${key} (zh-CN): Latin words ${latin.join(', ')} in "${shown}"`);
      }
    }
  }
  return out;
}

/** One `msg('key', {…})` call in a source file. */
export interface MsgCall {
  readonly where: string;
  readonly key: string;
  /** The parameter names of a literal object argument; undefined when it is not one (a variable, a spread). */
  readonly params: readonly string[] | undefined;
}

/** Every `msg('literal', …)` call in a source (TypeScript's parser, so comments and strings don't count). */
export function msgCalls(file: string, source: string): MsgCall[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const out: MsgCall[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'msg' &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const arg = node.arguments[1];
      let params: string[] | undefined = [];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && !ts.isComputedPropertyName(p.name))
            params.push(p.name.text);
          else params = undefined;
          if (!params) break;
        }
      } else if (arg) params = undefined;
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push({ where: `${file}:${line}`, key: node.arguments[0].text, params });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Problems of the calls against the catalog: unknown keys, placeholders the call does not fill. */
export function checkCalls(calls: readonly MsgCall[], cat: Readonly<Record<Locale, Catalog>>): string[] {
  const out: string[] = [];
  for (const c of calls) {
    const template = cat['zh-CN'][c.key] ?? cat.en[c.key];
    if (template === undefined) {
      out.push(`${c.where}: key "${c.key}" is used but in no catalog`);
      continue;
    }
    if (!c.params) continue;
    const missing = placeholders(template).filter((p) => !c.params!.includes(p));
    if (missing.length > 0) out.push(`${c.where}: "${c.key}" leaves {${missing.join('}, {')}} unfilled`);
  }
  return out;
}
