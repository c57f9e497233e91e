import { describe, expect, it } from 'vitest';
import type { AdminUser } from './admin-api.ts';
import { badCells } from './cells-tab.tsx';
import { ApiError } from '../../lib/api.ts';
import { draftProblem, parseCells, toChange, toNewUser, type UserDraft } from './user-form.tsx';
import { lockReason } from './users-tab.tsx';

const draft = (d: Partial<UserDraft> = {}): UserDraft => ({
  username: 'li.na',
  name: ' 李娜 ',
  role: 'operator',
  unit: '',
  password: 'long-enough',
  confirm: 'long-enough',
  cells: '',
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

  it("reads an inspector's cells as typed, sends them only for an inspector, and names the refused ones", () => {
    expect(parseCells(' 440307001001001, 440307001001002\n440307001001001、x ')).toEqual([
      '440307001001001',
      '440307001001002',
      'x',
    ]);
    expect(toNewUser(draft({ role: 'inspector', cells: 'A B' }))).toMatchObject({ cells: ['A', 'B'] });
    expect(toNewUser(draft({ role: 'operator', cells: 'A B' }))).not.toHaveProperty('cells');
    const was = user({ role: 'inspector', unit: undefined, cells: ['A', 'B'] });
    expect(toChange(draft({ role: 'inspector', name: '李娜', cells: 'A,B' }), was)).toEqual({});
    expect(toChange(draft({ role: 'inspector', name: '李娜', cells: 'B C' }), was)).toEqual({ cells: ['B', 'C'] });
    const err = new ApiError('bad', 400, 'bad_request', 'body.cells[1]', [
      { field: 'body.cells[1]', message: '' },
      { field: 'body.cells[2]', message: '' },
    ]);
    expect(badCells(err, ['ok', 'bad-1', 'bad-2'])).toEqual(['bad-1', 'bad-2']);
    expect(badCells(new Error('x'), ['a'])).toEqual([]);
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
