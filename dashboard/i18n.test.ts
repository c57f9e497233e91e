/** The message files: the same keys in both languages, and every key the UI asks for exists. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, STATUSES } from '../cases/rules.ts';
import { VIOLATION_KINDS } from '../telemetry/route/report.ts';
import { hasMessage, messageKeys } from './i18n.ts';
import { LOCALES } from './web/src/i18n/format.ts';
import { duplicateKeys, MESSAGES, PACKS } from './web/src/i18n/messages.ts';
import { PAGE_ORDER } from './web/src/pages/registry.ts';
import { webDir } from './web-build.ts';
import { ERROR_STATUS } from '../kernel/http/errors.ts';
import { LATIN_KEYS, latinWords } from '../kernel/messages/latin.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
  });
}

describe('UI messages', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    const [zh, en] = LOCALES.map((l) => messageKeys(l).sort());
    expect(zh).toEqual(en);
    expect(zh!.length).toBeGreaterThan(200);
  });

  it('each message pack has the same keys in both languages, and no key is defined by two packs', () => {
    for (const p of PACKS) expect(Object.keys(p['zh-CN']).sort(), p.name).toEqual(Object.keys(p.en).sort());
    expect(duplicateKeys()).toEqual([]);
  });

  it('zh-CN texts hold no Latin words beyond ids, codes, units and the allow-list of kernel/messages/latin.ts', () => {
    const zh = MESSAGES['zh-CN'];
    const bad = Object.entries(zh)
      .filter(([k]) => !LATIN_KEYS.has(k))
      .map(([k, v]) => [k, latinWords(v.replace(/\{\w+\}/g, ''))] as const)
      .filter(([, w]) => w.length > 0)
      .map(([k, w]) => `${k}: ${w.join(', ')} in "${zh[k]}"`);
    expect(bad).toEqual([]);
    expect(latinWords('请求内容必须是 JSON（Content-Type: application/json）')).toEqual([
      'Content-Type',
      'application/json',
    ]);
  });

  it('has every key the UI source names literally', () => {
    const used = new Set<string>();
    for (const file of sources(path.join(webDir, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(120);
    expect([...used].filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('has the keys the UI builds from values: statuses, actions, violation kinds, pages, roles, errors', () => {
    const keys = [
      ...STATUSES.map((s) => `case.status.${s}`),
      ...[...ACTIONS, 'created', 'attached', 'note'].map((a) => `case.action.${a}`),
      ...['camera', 'vehicle', 'citizen', 'inspector', 'external'].map((s) => `case.source.${s}`),
      ...VIOLATION_KINDS.map((k) => `violation.${k}`),
      ...PAGE_ORDER.map((p) => `nav.${p}`),
      ...['admin', 'operator', 'handler', 'regulator'].map((r) => `role.${r}`),
      ...['hit', 'violation', 'camera-offline', 'vehicle-offline'].flatMap((k) => [
        `alert.kind.${k}`,
        `alert.kindShort.${k}`,
      ]),
      ...['online', 'offline', 'stalled', 'starting'].map((s) => `camera.state.${s}`),
      ...['snapshot', 'annotated', 'clip', 'track', 'photo'].map((k) => `evidence.kind.${k}`),
      ...['grid', 'roads', 'coverage', 'cameras', 'cases', 'vehicles', 'track', 'violations'].map(
        (l) => `map.layer.${l}`,
      ),
      ...['open', 'connecting', 'closed'].map((s) => `live.${s}`),
      ...['closeRate', 'handledOnTimeRate', 'closedOnTimeRate', 'reworkRate'].map((k) => `kpi.${k}`),
      ...LOCALES.map((l) => `lang.${l}`),
      ...Object.keys(ERROR_STATUS).map((c) => `errors.${c}`),
    ];
    expect(keys.filter((k) => !hasMessage(k))).toEqual([]);
  });
});
