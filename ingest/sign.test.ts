import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, signFor, streamNameFor } from './sign.ts';

describe('signed media URLs', () => {
  it('signs as node-media-server verifies: exp-md5(path-exp-secret)', () => {
    const md5 = createHash('md5').update('/live/cam-1-1700000000-secretsecretsecret').digest('hex');
    expect(sign('/live/cam-1', 'secretsecretsecret', 1_700_000_000)).toBe(`1700000000-${md5}`);
    const s = signFor('/live/a', 'k'.repeat(16), 60, 1_700_000_000_500);
    expect(s.expiresAt).toBe(1_700_000_060_000);
    expect(s.sign.startsWith('1700000060-')).toBe(true);
  });

  it('makes stream names node-media-server accepts', () => {
    expect(streamNameFor('cam.north-1_a')).toBe('cam_north-1_a');
  });
});
