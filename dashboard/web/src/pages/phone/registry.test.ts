import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../../../i18n.ts';
import { parseHash } from '../../lib/router.ts';
import { PHONE_PAGES, phoneHome } from './registry.ts';
import { wantsPhone } from './wants-phone.ts';

describe('phone pages', () => {
  it('have unique ids and titles in both languages', () => {
    const ids = PHONE_PAGES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(PHONE_PAGES.map((p) => p.title).filter((k) => !hasMessage(k))).toEqual([]);
  });

  it('start a handler on the task list; roles without phone pages have no phone home', () => {
    expect(phoneHome('handler')?.id).toBe('tasks');
    expect(phoneHome('regulator')).toBeUndefined();
    expect(phoneHome('inspector')?.id).toBe('checks');
    expect(PHONE_PAGES.filter((p) => p.roles.includes('inspector') && p.tab).map((p) => p.id)).toEqual([
      'checks',
      'report',
      'notices',
      'me',
    ]);
  });

  it('open the phone UI for #/phone, and for a handler at the start page on a narrow screen only', () => {
    expect(wantsPhone(parseHash('#/phone/case/1'), 'handler', false)).toBe(true);
    expect(wantsPhone(parseHash('#/'), 'handler', true)).toBe(true);
    expect(wantsPhone(parseHash('#/'), 'handler', false)).toBe(false);
    expect(wantsPhone(parseHash('#/cases'), 'handler', true)).toBe(false);
    expect(wantsPhone(parseHash('#/phone'), 'regulator', true)).toBe(false);
  });
});
