/**
 * Every message file, merged: `zh-CN.json`/`en.json` (the core) plus one pair per area in `packs/`
 * (`packs/AREA.zh-CN.json` + `packs/AREA.en.json`, the same keys). A new area adds its pair and one line to PACKS.
 * Keys are flat and prefixed by area ("bigscreen.title"); a key defined twice is an error the i18n test reports.
 */
import adminEn from './packs/admin.en.json' with { type: 'json' };
import clusterEn from './packs/cluster.en.json' with { type: 'json' };
import clusterZh from './packs/cluster.zh-CN.json' with { type: 'json' };
import adminZh from './packs/admin.zh-CN.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import type { Locale, Messages } from './format.ts';
import bigscreenEn from './packs/bigscreen.en.json' with { type: 'json' };
import bigscreenZh from './packs/bigscreen.zh-CN.json' with { type: 'json' };
import inspectorEn from './packs/inspector.en.json' with { type: 'json' };
import inspectorZh from './packs/inspector.zh-CN.json' with { type: 'json' };
import mapEn from './packs/map.en.json' with { type: 'json' };
import mapZh from './packs/map.zh-CN.json' with { type: 'json' };
import phoneEn from './packs/phone.en.json' with { type: 'json' };
import statsEn from './packs/stats.en.json' with { type: 'json' };
import statsZh from './packs/stats.zh-CN.json' with { type: 'json' };
import phoneZh from './packs/phone.zh-CN.json' with { type: 'json' };
import zh from './zh-CN.json' with { type: 'json' };
import dossierEn from './packs/dossier.en.json' with { type: 'json' };
import dossierZh from './packs/dossier.zh-CN.json' with { type: 'json' };
import playbackEn from './packs/playback.en.json' with { type: 'json' };
import playbackZh from './packs/playback.zh-CN.json' with { type: 'json' };

/** One area's messages in both languages. */
export interface MessagePack {
  readonly name: string;
  readonly 'zh-CN': Messages;
  readonly en: Messages;
}

export const PACKS: readonly MessagePack[] = [
  { name: 'core', 'zh-CN': zh, en },
  { name: 'phone', 'zh-CN': phoneZh, en: phoneEn },
  { name: 'admin', 'zh-CN': adminZh, en: adminEn },
  { name: 'dossier', 'zh-CN': dossierZh, en: dossierEn },
  { name: 'bigscreen', 'zh-CN': bigscreenZh, en: bigscreenEn },
  { name: 'stats', 'zh-CN': statsZh, en: statsEn },
  { name: 'inspector', 'zh-CN': inspectorZh, en: inspectorEn },
  { name: 'cluster', 'zh-CN': clusterZh, en: clusterEn },
  { name: 'playback', 'zh-CN': playbackZh, en: playbackEn },
  { name: 'map', 'zh-CN': mapZh, en: mapEn },
];

function merged(locale: Locale): Messages {
  return Object.assign({}, ...PACKS.map((p) => p[locale])) as Messages;
}

export const MESSAGES: Readonly<Record<Locale, Messages>> = { 'zh-CN': merged('zh-CN'), en: merged('en') };

/** Keys defined by more than one pack (must be empty). */
export function duplicateKeys(): string[] {
  const seen = new Map<string, string>();
  const dup: string[] = [];
  for (const p of PACKS) {
    for (const k of Object.keys(p.en)) {
      if (seen.has(k)) dup.push(`${k} (${seen.get(k)}, ${p.name})`);
      seen.set(k, p.name);
    }
  }
  return dup;
}
