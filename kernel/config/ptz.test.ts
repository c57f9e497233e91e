import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing.ts';

const poly = [
  [0, 0],
  [1, 0],
  [1, 1],
];
const problems = (camera: Record<string, unknown>, zone: Record<string, unknown>): string => {
  try {
    testConfig({
      cameras: [{ id: 'ptz1', source: 'x.jpg', ...camera }],
      zones: [{ id: 'z1', camera: 'ptz1', kind: 'litter-watch', polygon: poly, ...zone }],
    });
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('PTZ config', () => {
  const ptz = { onvif: 'http://10.20.1.9/onvif/device_service', username: 'op', passwordEnv: 'PTZ1_PASSWORD' };
  it('a zone on a listed preset of a PTZ camera is valid; defaults filled', () => {
    const cfg = testConfig({
      cameras: [{ id: 'ptz1', source: 'x.jpg', ptz: { ...ptz, presets: ['1', '人行道'] } }],
      zones: [{ id: 'z1', camera: 'ptz1', kind: 'litter-watch', polygon: poly, preset: '人行道' }],
    }).config;
    expect(cfg.cameras[0]?.ptz).toMatchObject({ pollSeconds: 1, tolerance: 0.01, presets: ['1', '人行道'] });
  });
  it('names the field: preset on a camera without ptz, an unlisted preset, a bad URL, a password variable', () => {
    expect(problems({}, { preset: '1' })).toMatch(/zones\[0\]\.preset: camera "ptz1" has no ptz section/);
    expect(problems({ ptz: { ...ptz, presets: ['1'] } }, { preset: '3' })).toMatch(
      /zones\[0\]\.preset: preset "3" is not one of camera "ptz1"'s presets \(1\)/,
    );
    expect(problems({ ptz: { ...ptz, onvif: 'rtsp://x' } }, {})).toMatch(/cameras\[0\]\.ptz\.onvif: must be the http/);
    expect(problems({ ptz: { ...ptz, passwordEnv: 'my pass' } }, {})).toMatch(
      /cameras\[0\]\.ptz\.passwordEnv: must be an environment variable name/,
    );
  });
});
