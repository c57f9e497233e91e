/**
 * "Navigate there" links for a case's position (WGS-84, as stored): the standard `geo:` URI (any Android map app),
 * 高德 (AMap) by its app schemes (`androidamap://`, `iosamap://`, dev=1 = WGS-84 input) or its web marker page
 * (uri.amap.com, opens the app when installed), and 百度 (`baidumap://map/marker`, coord_type=wgs84).
 */
export interface NavTarget {
  readonly lat: number;
  readonly lon: number;
  readonly name: string;
}

export type Platform = 'android' | 'ios' | 'other';

export function platformOf(userAgent: string): Platform {
  if (/android/i.test(userAgent)) return 'android';
  if (/iphone|ipad|ipod/i.test(userAgent)) return 'ios';
  return 'other';
}

const q = (params: Readonly<Record<string, string | number>>): string =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

export interface NavLink {
  readonly id: 'geo' | 'amap' | 'baidu';
  readonly url: string;
}

export function navLinks(target: NavTarget, platform: Platform): NavLink[] {
  const { lat, lon, name } = target;
  const ll = `${lat},${lon}`;
  const amapParams = { sourceApplication: 'gridwatch', poiname: name, lat, lon, dev: 1 };
  const amap =
    platform === 'android'
      ? `androidamap://viewMap?${q(amapParams)}`
      : platform === 'ios'
        ? `iosamap://viewMap?${q(amapParams)}`
        : `https://uri.amap.com/marker?${q({ position: `${lon},${lat}`, name, coordinate: 'wgs84', callnative: 1 })}`;
  const baidu = q({ location: ll, title: name, content: name, coord_type: 'wgs84', src: 'gridwatch' });
  return [
    { id: 'geo', url: `geo:${ll}?q=${ll}(${encodeURIComponent(name)})` },
    { id: 'amap', url: amap },
    { id: 'baidu', url: `baidumap://map/marker?${baidu}` },
  ];
}
