import { describe, expect, it } from 'vitest';
import { describeUrl } from './pg-protocol.ts';

describe('describeUrl', () => {
  it('names host, port and database, never the user or password', () => {
    expect(describeUrl('postgres://gridwatch:s3cr%40t@db.city.gov.cn:5433/gridwatch?sslmode=require')).toBe(
      'postgres db.city.gov.cn:5433/gridwatch',
    );
    expect(describeUrl('postgresql://u@10.0.0.5/城管')).toBe('postgres 10.0.0.5/城管');
    expect(describeUrl('postgres:///x?host=/var/run/postgresql')).toBe('postgres /var/run/postgresql/x');
    expect(describeUrl('not a url with password hunter2')).toBe('postgres (unparsable url)');
  });
});
