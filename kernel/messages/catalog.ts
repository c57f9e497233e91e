/**
 * The server's message catalog: one pair of JSON files per area in `packs/` (`AREA.zh-CN.json` + `AREA.en.json`,
 * the same keys, keys prefixed "AREA."), registered by one line in PACKS. The message test (messages.test.ts) checks
 * every key in both languages; see kernel/README.md "How to add a server message".
 */
import caseEn from './packs/cases.en.json' with { type: 'json' };
import caseZh from './packs/cases.zh-CN.json' with { type: 'json' };
import commonEn from './packs/common.en.json' with { type: 'json' };
import commonZh from './packs/common.zh-CN.json' with { type: 'json' };
import detectEn from './packs/detect.en.json' with { type: 'json' };
import detectZh from './packs/detect.zh-CN.json' with { type: 'json' };
import fieldsEn from './packs/fields.en.json' with { type: 'json' };
import fieldsZh from './packs/fields.zh-CN.json' with { type: 'json' };
import notifyEn from './packs/notify.en.json' with { type: 'json' };
import notifyZh from './packs/notify.zh-CN.json' with { type: 'json' };
import statsEn from './packs/stats.en.json' with { type: 'json' };
import statsZh from './packs/stats.zh-CN.json' with { type: 'json' };
import telemetryEn from './packs/telemetry.en.json' with { type: 'json' };
import telemetryZh from './packs/telemetry.zh-CN.json' with { type: 'json' };

import type { Locale } from './locale.ts';

export { LOCALES, pickLocale, type Locale } from './locale.ts';
export type Catalog = Readonly<Record<string, string>>;

export interface MessagePack {
  readonly name: string;
  readonly 'zh-CN': Catalog;
  readonly en: Catalog;
}

export const PACKS: readonly MessagePack[] = [
  { name: 'common', 'zh-CN': commonZh, en: commonEn },
  { name: 'cases', 'zh-CN': caseZh, en: caseEn },
  { name: 'detect', 'zh-CN': detectZh, en: detectEn },
  { name: 'fields', 'zh-CN': fieldsZh, en: fieldsEn },
  { name: 'notify', 'zh-CN': notifyZh, en: notifyEn },
  { name: 'telemetry', 'zh-CN': telemetryZh, en: telemetryEn },
  { name: 'stats', 'zh-CN': statsZh, en: statsEn },
];

const merged = (locale: Locale): Catalog => Object.assign({}, ...PACKS.map((p) => p[locale])) as Catalog;

export const CATALOG: Readonly<Record<Locale, Catalog>> = { 'zh-CN': merged('zh-CN'), en: merged('en') };

/** Does the server catalog have `key`? */
export const hasKey = (key: string): boolean => key in CATALOG.en || key in CATALOG['zh-CN'];

/** Keys defined by more than one pack (must be none). */
export function duplicateKeys(): string[] {
  const seen = new Map<string, string>();
  const dup: string[] = [];
  for (const p of PACKS)
    for (const k of new Set([...Object.keys(p.en), ...Object.keys(p['zh-CN'])])) {
      if (seen.has(k)) dup.push(`${k} (${seen.get(k)}, ${p.name})`);
      seen.set(k, p.name);
    }
  return dup;
}
