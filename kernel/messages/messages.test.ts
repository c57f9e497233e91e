/**
 * The message test: every server message key rendered in both languages with sample values; fails on a key missing
 * in one language, a key used in the sources but in no catalog, a placeholder left unfilled (by the sample rendering
 * or by the call's literal parameters), and Latin words in a zh-CN rendering beyond latin.ts's allow-list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing.ts';
import { CATALOG, duplicateKeys } from './catalog.ts';
import { checkCalls, checkCatalogs, msgCalls } from './check.ts';
import { latinWords } from './latin.ts';
import { formatTime } from './render.ts';
import { Texts } from './texts.ts';
import { at, dur, msg, ref } from './text.ts';

const SKIP = new Set(['node_modules', 'dist', 'data', 'test-output', 'shared', 'web']);

function sources(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return SKIP.has(e.name) || e.name.startsWith('.') ? [] : sources(root, rel);
    return e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('server messages', () => {
  it('every key in both languages, rendered with sample values: no placeholder left, no Latin word in zh-CN', () => {
    expect(duplicateKeys()).toEqual([]);
    expect(checkCatalogs(CATALOG)).toEqual([]);
  });

  it('every key the sources use exists, and each call fills every placeholder', () => {
    const root = repoRoot;
    const calls = sources(root).flatMap((f) => msgCalls(f, readFileSync(path.join(root, f), 'utf8')));
    expect(calls.length).toBeGreaterThan(0);
    expect(checkCalls(calls, CATALOG)).toEqual([]);
  });

  it('fails on planted mistakes: an English string, a missing key, a placeholder left unfilled', () => {
    const planted = {
      'zh-CN': { ...CATALOG['zh-CN'], 'cases.note.planted': 'evidence refreshed', 'cases.note.half': '车辆 {vehicle}' },
      en: { ...CATALOG.en, 'cases.note.planted': 'evidence refreshed', 'cases.note.only': 'only English' },
    };
    const problems = checkCatalogs(planted);
    expect(problems).toContain('cases.note.planted (zh-CN): Latin words evidence, refreshed in "evidence refreshed"');
    expect(problems).toContain('cases.note.only: missing in zh-CN');
    expect(problems).toContain('cases.note.half: missing in en');
    const src = "const a = msg('cases.note.nope');\nconst b = msg('cases.note.vehicleAgain', { vehicle });";
    expect(checkCalls(msgCalls('x.ts', src), CATALOG)).toEqual([
      'x.ts:1: key "cases.note.nope" is used but in no catalog',
      'x.ts:2: "cases.note.vehicleAgain" leaves {detail} unfilled',
    ]);
  });

  it('the Latin check allows ids, codes, plates and units, and nothing else', () => {
    expect(latinWords('案件 2026120500001，粤B12345，05-04，偏离 347 m，限速 40 km/h，GPS 信号')).toEqual([]);
    expect(latinWords('车辆 truck-1 偏离 route')).toEqual(['route']);
  });

  it('renders times in the calendar zone, durations in words, names instead of ids, nested messages', () => {
    const names = { name: (kind: string, id: string) => (kind === 'zone' && id === 'z1' ? '解放路东侧' : undefined) };
    const texts = new Texts('zh-CN', { timeZone: 'Asia/Shanghai', names });
    const t = msg('cases.desc.vehicle', {
      category: ref('category', '90-01'),
      detail: msg('cases.note.violationEnded', { duration: dur(65 * 60_000) }),
      vehicle: ref('vehicle', 'truck-1'),
      plan: ref('plan', 'p1'),
    });
    expect(texts.render(t)).toBe('90-01：违规已结束（持续 1 小时 5 分钟）（车辆 truck-1，作业计划 p1）');
    expect(texts.render(t, 'en')).toBe('90-01: the violation ended (it lasted 1 h 5 min) (vehicle truck-1, plan p1)');
    const seen = msg('cases.recheck.offZone', { zone: ref('zone', 'z1') });
    expect(texts.render(seen)).toBe('区域“解放路东侧”未启用摄像头复核，请人工核查结案或返工');
    const when = Date.UTC(2026, 11, 5, 12, 15);
    expect(formatTime(when, 'zh-CN', 'Asia/Shanghai')).toBe('12月5日 20:15');
    expect(formatTime(when, 'en', 'Asia/Shanghai')).toBe('5 Dec, 20:15');
    expect(formatTime(when, 'zh-CN', 'Asia/Shanghai', 'time')).toBe('20:15');
    expect(formatTime(when, 'zh-CN', 'Asia/Shanghai', 'date')).toBe('2026年12月5日');
    expect(at(when)).toEqual({ t: when });
    expect(texts.show('an old free-text row')).toBe('an old free-text row');
    expect(texts.show(JSON.parse(JSON.stringify(seen)), 'en')).toBe(
      'camera re-check is off for zone "解放路东侧": verify or rework by hand',
    );
  });
});
