import { describe, expect, it } from 'vitest';
import { validateConfig } from '../kernel/config/load.ts';
import { fixtureRaw } from './fixture.ts';
import { errorMessage } from '../kernel/errors.ts';

const bad = (extra: Record<string, unknown>): string => {
  try {
    validateConfig(fixtureRaw('/tmp/unused', extra), 'cfg.yaml');
  } catch (err) {
    return errorMessage(err);
  }
  throw new Error('config was accepted');
};

describe('cases, grid and users config: bad input is named by path', () => {
  it('the fixture itself is valid and fills defaults', () => {
    const c = validateConfig(fixtureRaw('/tmp/unused'));
    expect(c.cases).toMatchObject({ auto: true, verifyByCamera: true, webhooks: [] });
    expect(c.cases.categories[0]).toMatchObject({ dedupMeters: 30, open311: true });
    expect(c.cases.categories[3]).toMatchObject({ code: '90-01', open311: false }); // not public unless marked
    expect(c.cases.limits).toEqual({
      createPerUserPerMinute: 30,
      photoMaxMb: 10,
      createPerApiKeyPerMinute: 60,
      open311PerAddressPerMinute: 120,
    });
  });

  it.each([
    [
      { cases: { webhooks: [{ id: 'w', url: 'ftp://x/y', secret: 'short' }] } },
      ['cases.webhooks[0].url: must be an http(s) URL', 'cases.webhooks[0].secret: must be at least 16 characters'],
    ],
    [
      {
        cases: {
          webhooks: [
            { id: 'w', url: 'http://a/b', secret: '0123456789abcdef' },
            { id: 'w', url: 'http://a/c', secret: '0123456789abcdef' },
          ],
        },
      },
      ['cases.webhooks[1].id: duplicate webhook "w"'],
    ],
    [
      { cases: { routing: [{ category: '05', unit: 'squad' }] } },
      ['cases.routing[0].category: must be "*", "MM-*" or "MM-NN", got "05"'],
    ],
    [
      { cases: { calendar: { hours: [{ start: '13:30', end: '12:00' }] } } },
      ['cases.calendar.hours[0]: end 12:00 must be after start 13:30'],
    ],
    [
      {
        cases: {
          calendar: {
            hours: [
              { start: '08:30', end: '12:00' },
              { start: '11:00', end: '17:00' },
            ],
          },
        },
      },
      ['cases.calendar.hours[1]: starts before the previous period ends (12:00)'],
    ],
    [{ cases: { calendar: { timezone: 'Mars/Olympus' } } }, ['cases.calendar.timezone: must be an IANA time zone']],
    [
      { users: [{ username: 'h', role: 'handler', password: 'long-enough-1' }] },
      ['users[0].username: must be 2–32', 'users[0].unit: handler "h" needs a unit'],
    ],
    [
      { users: [{ username: 'hh', role: 'handler', unit: 'mars', password: 'long-enough-1' }] },
      ['users[0].unit: user "hh" references unknown unit "mars"'],
    ],
    [
      {
        users: [
          { username: 'aa', role: 'admin', password: 'long-enough-1' },
          { username: 'aa', role: 'admin', password: 'long-enough-2' },
        ],
      },
      ['users[1].username: duplicate user "aa"'],
    ],
    [
      {
        grid: {
          cells: [
            {
              code: 'x',
              polygon: [
                [1, 2],
                [3, 4],
              ],
            },
          ],
        },
      },
      ['grid.cells[0].polygon: needs at least 3 points'],
    ],
  ])('%j', (extra, messages) => {
    const msg = bad(extra);
    for (const m of messages) expect(msg).toContain(m);
  });
});
