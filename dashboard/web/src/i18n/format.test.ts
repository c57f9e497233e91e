import { describe, expect, it } from 'vitest';
import { pickLocale, translate } from './format.ts';

describe('translate', () => {
  const zh = { 'a.b': '你好 {name}，共 {n} 条' };
  const en = { 'a.b': 'Hello {name}, {n} items', 'only.en': 'English only' };
  it('fills placeholders and falls back to the fallback locale, then the key', () => {
    expect(translate(zh, en, 'a.b', { name: '王', n: 3 })).toBe('你好 王，共 3 条');
    expect(translate(zh, en, 'only.en')).toBe('English only');
    expect(translate(zh, en, 'missing.key')).toBe('missing.key');
    expect(translate(zh, en, 'a.b', { name: 'x' })).toBe('你好 x，共 {n} 条');
  });
});

describe('pickLocale', () => {
  it('honours q-values and maps zh-* and en-* to the supported locales', () => {
    expect(pickLocale('en-US,en;q=0.9,zh-CN;q=0.8', 'zh-CN')).toBe('en');
    expect(pickLocale('fr;q=1, zh-TW;q=0.5, en;q=0.4', 'en')).toBe('zh-CN');
    expect(pickLocale('fr-FR', 'zh-CN')).toBe('zh-CN');
    expect(pickLocale(undefined, 'en')).toBe('en');
    expect(pickLocale('en;q=0, zh', 'en')).toBe('zh-CN');
  });
});
