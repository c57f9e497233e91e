import { describe, expect, it } from 'vitest';
import { localeStore } from '../../i18n/index.ts';
import { detailText } from './audit-detail.ts';

describe('audit detail in words', () => {
  it('words refusal codes, changes with field names and role names, and leaves other text alone', () => {
    expect(detailText('invalid_credentials')).toBe('用户名或密码错误');
    expect(detailText('{"role":"handler","disabled":true,"password":"***","zzz":1}')).toBe(
      '角色: 处置人员，停用: 是，密码: ***，zzz: 1',
    );
    expect(detailText('not json {')).toBe('not json {');
    expect(detailText(undefined)).toBe('');
  });

  it('in English too', () => {
    localeStore.set('en');
    try {
      expect(detailText('{"role":"operator","name":"Wang"}')).toBe('role: Operator, display name: Wang');
    } finally {
      localeStore.set('zh-CN');
    }
  });
});
