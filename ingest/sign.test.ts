import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publishKey, publishKeyMatches, sign, streamNameFor } from './sign.ts';

describe('media credentials', () => {
  it('signs as node-media-server verifies: exp-md5(path-exp-secret)', () => {
    const md5 = createHash('md5').update('/live/cam-1-1700000000-secretsecretsecret').digest('hex');
    expect(sign('/live/cam-1', 'secretsecretsecret', 1_700_000_000)).toBe(`1700000000-${md5}`);
  });

  it('derives one publish key per stream from the secret and checks it', () => {
    const k = publishKey('s'.repeat(32), '/live/cam_1');
    expect(k).toBe(createHmac('sha256', 's'.repeat(32)).update('gridwatch publish\n/live/cam_1').digest('base64url'));
    expect(publishKey('s'.repeat(32), '/live/cam_2')).not.toBe(k);
    expect(publishKeyMatches('s'.repeat(32), '/live/cam_1', k)).toBe(true);
    expect(publishKeyMatches('s'.repeat(32), '/live/cam_2', k)).toBe(false);
    expect(publishKeyMatches('t'.repeat(32), '/live/cam_1', k)).toBe(false);
    expect(publishKeyMatches('s'.repeat(32), '/live/cam_1', [k])).toBe(false);
    expect(publishKeyMatches('s'.repeat(32), '/live/cam_1', undefined)).toBe(false);
  });

  it('makes stream names node-media-server accepts', () => {
    expect(streamNameFor('cam.north-1_a')).toBe('cam_north-1_a');
  });
});
