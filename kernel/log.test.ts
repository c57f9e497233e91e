import { describe, expect, it } from 'vitest';
import { redactUrl } from './log.ts';

describe('redactUrl', () => {
  it('hides user:password and credential query parameters, keeps the rest', () => {
    expect(redactUrl('rtsp://admin:hunter2@10.0.0.7/ch1')).toBe('rtsp://***@10.0.0.7/ch1');
    expect(redactUrl('rtmp://127.0.0.1:1935/live/cam?key=abc_DEF-123 failed')).toBe(
      'rtmp://127.0.0.1:1935/live/cam?key=*** failed',
    );
    expect(redactUrl('http://h/live/c.flv?x=1&token=T0k3n&sign=1-ab#f')).toBe(
      'http://h/live/c.flv?x=1&token=***&sign=***#f',
    );
    expect(redactUrl('http://h/p?keyframes=1&monkey=2')).toBe('http://h/p?keyframes=1&monkey=2');
  });
});
