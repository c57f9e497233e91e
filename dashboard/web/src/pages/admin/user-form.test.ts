import { describe, expect, it } from 'vitest';
import type { AdminUser } from './admin-api.ts';
import { draftProblem, toChange, toNewUser, type UserDraft } from './user-form.tsx';
import { lockReason } from './users-tab.tsx';

const draft = (d: Partial<UserDraft> = {}): UserDraft => ({
  username: 'li.na',
  name: ' 李娜 ',
  role: 'operator',
  unit: '',
  password: 'long-enough',
  confirm: 'long-enough',
  ...d,
});
const user = (u: Partial<AdminUser> = {}): AdminUser => ({
  username: 'li.na',
  role: 'handler',
  unit: 'squad',
  name: '李娜',
  disabled: false,
  createdAt: 0,
  updatedAt: 0,
  ...u,
});

describe('user form', () => {
  it('names the first problem before anything is sent', () => {
    expect(draftProblem(draft(), true)).toBeUndefined();
    expect(draftProblem(draft({ username: 'x' }), true)).toBe('admin.users.badUsername');
    expect(draftProblem(draft({ role: 'handler' }), true)).toBe('admin.users.needsUnit');
    expect(draftProblem(draft({ password: 'short', confirm: 'short' }), true)).toBe('admin.users.shortPassword');
    expect(draftProblem(draft({ confirm: 'other-one' }), true)).toBe('admin.users.passwordsDiffer');
    expect(draftProblem(draft({ password: '', confirm: '' }), false)).toBeUndefined();
  });

  it('sends a trimmed new user, and only what changed (a cleared unit as null)', () => {
    expect(toNewUser(draft())).toEqual({ username: 'li.na', role: 'operator', password: 'long-enough', name: '李娜' });
    expect(toChange(draft({ role: 'handler', unit: 'squad', name: '李娜' }), user())).toEqual({});
    expect(toChange(draft({ role: 'operator', unit: '' }), user())).toEqual({ role: 'operator', unit: null });
  });

  it('locks the disable button on oneself and on the last enabled admin', () => {
    const a = user({ username: 'a', role: 'admin' });
    const b = user({ username: 'b', role: 'admin', disabled: true });
    expect(lockReason(a, 'a', [a, b])).toBe('admin.users.notSelf');
    expect(lockReason(a, 'x', [a, b])).toBe('admin.users.lastAdmin');
    expect(lockReason(a, 'x', [a, { ...b, disabled: false }])).toBeUndefined();
    expect(lockReason(user(), 'a', [a])).toBeUndefined();
  });
});
