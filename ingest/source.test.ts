import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../kernel/testing.ts';
import { checkSourceExists, parseSource, sourceEndpoint } from './source.ts';

describe('parseSource', () => {
  it('classifies network URLs and hides credentials', () => {
    const rtsp = parseSource('rtsp://admin:s3cret@10.0.0.7:8554/Streaming/101', '/x');
    expect(rtsp.kind).toBe('rtsp');
    expect(rtsp.input).toContain('s3cret');
    expect(rtsp.display).toBe('rtsp://***@10.0.0.7:8554/Streaming/101');
    expect(parseSource('rtmp://h/live/a', '/x').kind).toBe('rtmp');
    expect(parseSource('https://h/a.flv', '/x').kind).toBe('http');
    expect(sourceEndpoint(rtsp)).toEqual({ host: '10.0.0.7', port: 8554 });
    expect(sourceEndpoint(parseSource('rtsp://cam.local/x', '/'))).toEqual({ host: 'cam.local', port: 554 });
  });

  it('resolves files against the config folder and tells images from videos', () => {
    const img = parseSource('media/detectron_street_cart_17790319373.jpg', path.join(repoRoot, 'demo'));
    expect(img).toMatchObject({
      kind: 'image',
      input: path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg'),
    });
    expect(parseSource('/v/clip.MP4', '/x')).toMatchObject({ kind: 'file', input: '/v/clip.MP4' });
    expect(sourceEndpoint(img)).toBeUndefined();
  });

  it('rejects what it cannot read, naming it', () => {
    expect(() => parseSource('ftp://u:pw@h/x', '/')).toThrow(/ftp:\/\/\*\*\*@h\/x: unsupported scheme "ftp:"/);
    expect(() => parseSource('  ', '/')).toThrow(/empty/);
    expect(() => checkSourceExists(parseSource('/no/such/clip.mp4', '/'))).toThrow(
      /\/no\/such\/clip\.mp4: file not found/,
    );
    expect(() => checkSourceExists(parseSource(repoRoot, '/'))).toThrow(/not a regular file/);
  });
});
