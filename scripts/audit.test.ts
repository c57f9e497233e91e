import { describe, expect, it } from 'vitest';
import { judge } from './audit.ts';

const report = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    a: {
      via: [
        {
          source: 1,
          name: 'a',
          title: 'RCE',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'critical',
        },
        { source: 2, name: 'a', title: 'minor', url: 'https://github.com/advisories/GHSA-low', severity: 'low' },
      ],
    },
    b: { via: ['a', { source: 3, name: 'b', title: 'DoS', url: 'https://x/3', severity: 'high' }] },
  },
  metadata: {},
});

describe('npm audit judgement', () => {
  it('blocks high and critical advisories not allowed, lets reviewed ones and low ones pass', () => {
    const out = judge(report, [
      { id: 'GHSA-aaaa-bbbb-cccc', package: 'a', reason: 'not reachable', reviewed: '2026-12-05' },
    ]);
    expect(out).toEqual({
      kind: 'checked',
      allowed: [
        { id: 'GHSA-aaaa-bbbb-cccc', package: 'a', severity: 'critical', title: 'RCE', url: expect.any(String) },
      ],
      blocking: [{ id: '3', package: 'b', severity: 'high', title: 'DoS', url: 'https://x/3' }],
    });
  });

  it('an unreachable registry is "unavailable", not a finding', () => {
    expect(judge(JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405 }), [])).toEqual({
      kind: 'unavailable',
      why: '405 Method Not Allowed',
    });
    expect(judge('npm ERR! network ENOTFOUND', []).kind).toBe('unavailable');
  });
});
