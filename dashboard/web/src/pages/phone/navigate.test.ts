import { describe, expect, it } from 'vitest';
import { navLinks, platformOf } from './navigate.ts';

const target = { lat: 22.72071, lon: 114.24736, name: '龙岗大道 店外经营' };

describe('navigate links', () => {
  it('picks the platform from the user agent', () => {
    expect(platformOf('Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile')).toBe('android');
    expect(platformOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')).toBe('ios');
    expect(platformOf('Mozilla/5.0 (X11; Linux x86_64)')).toBe('other');
  });

  it('gives a geo: URI, the AMap scheme of the platform (WGS-84 input) and the Baidu marker', () => {
    const [geo, amap, baidu] = navLinks(target, 'android');
    expect(geo!.url).toBe(`geo:22.72071,114.24736?q=22.72071,114.24736(${encodeURIComponent(target.name)})`);
    const a = new URL(amap!.url);
    expect(a.protocol).toBe('androidamap:');
    expect(a.searchParams.get('lat')).toBe('22.72071');
    expect(a.searchParams.get('lon')).toBe('114.24736');
    expect(a.searchParams.get('dev')).toBe('1');
    expect(a.searchParams.get('poiname')).toBe(target.name);
    const b = new URL(baidu!.url);
    expect(b.protocol).toBe('baidumap:');
    expect(b.searchParams.get('location')).toBe('22.72071,114.24736');
    expect(b.searchParams.get('coord_type')).toBe('wgs84');
    expect(b.searchParams.get('src')).toBe('gridwatch');
    expect(new URL(navLinks(target, 'ios')[1]!.url).protocol).toBe('iosamap:');
  });

  it('uses the AMap web marker (lon,lat order) where no app scheme fits', () => {
    const u = new URL(navLinks(target, 'other')[1]!.url);
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/marker');
    expect(u.searchParams.get('position')).toBe('114.24736,22.72071');
    expect(u.searchParams.get('coordinate')).toBe('wgs84');
  });
});
