import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfigFile } from '../../demo/index.ts';
import { tempDir } from '../testing.ts';
import { configJsonSchema, loadConfigFile, validateConfig } from './load.ts';

function writeYaml(text: string): string {
  const file = path.join(tempDir('gw-cfg-'), 'c.yaml');
  writeFileSync(file, text);
  return file;
}

describe('config schema', () => {
  it('resolves every default from an empty file', () => {
    const c = validateConfig({});
    expect(c.server.port).toBe(8080);
    expect(c.mqtt.mode).toBe('embedded');
    expect(c.storage.kind).toBe('embedded');
    expect(c.cases.calendar.weekend).toEqual([0, 6]);
    expect(c.models.default).toBe('yolox-nano-u8');
  });

  it('accepts the shipped demo configuration', () => {
    const { config } = loadConfigFile(demoConfigFile);
    expect(config.cameras.length).toBeGreaterThan(0);
    expect(config.cases.categories.map((c) => c.code)).toContain('05-04');
  });

  it('names every bad field: unknown key, wrong type, zone with a missing camera', () => {
    const file = writeYaml(`
server:
  port: eighty
  colour: blue
cameras:
  - { id: c1, source: rtsp://10.0.0.1/stream }
zones:
  - { id: z1, camera: nope, kind: no-vending, polygon: [[0, 0], [1, 0], [1, 1]] }
`);
    expect(() => loadConfigFile(file)).toThrow(/server\.port: .*number/);
    expect(() => loadConfigFile(file)).toThrow(/server: unknown key "colour"/);
    expect(() => loadConfigFile(file)).toThrow(/zones\[0\]\.camera: zone "z1" references unknown camera "nope"/);
  });

  it('names a user with a missing unit also when another field is wrong', () => {
    const file = writeYaml(`
server:
  port: eighty
users:
  - { username: h1, role: handler, password: handler-pass-1, unit: nope }
  - { username: h2, role: handler, password: handler-pass-2 }
`);
    expect(() => loadConfigFile(file)).toThrow(/server\.port: .*number/);
    expect(() => loadConfigFile(file)).toThrow(/users\[0\]\.unit: user "h1" references unknown unit "nope"/);
    expect(() => loadConfigFile(file)).toThrow(/users\[1\]\.unit: handler "h2" needs a unit/);
  });

  it("names an inspector's unknown grid cells and cells of another role", () => {
    const file = writeYaml(`
grid:
  regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 5, rows: 5, prefix: "3203" }
  cells: [{ code: MARKET, polygon: [[118, 34], [118.001, 34], [118.001, 34.001]] }]
users:
  - { username: i1, role: inspector, password: insp-pass-1, cells: ["3203005005", MARKET, "3203006001", nope] }
  - { username: o1, role: operator, password: oper-pass-1, cells: [MARKET] }
`);
    expect(() => loadConfigFile(file)).toThrow(/users\[0\]\.cells\[2\]: unknown grid cell "3203006001"/);
    expect(() => loadConfigFile(file)).toThrow(/users\[0\]\.cells\[3\]: unknown grid cell "nope"/);
    expect(() => loadConfigFile(file)).not.toThrow(/cells\[[01]\]/);
    expect(() => loadConfigFile(file)).toThrow(/users\[1\]\.cells: only an inspector has cells/);
  });

  it('rejects unknown keys deep inside lists', () => {
    expect(() => validateConfig({ cameras: [{ id: 'a', source: 'x.mp4', zoom: 2 }] })).toThrow(
      /cameras\[0\]: unknown key "zoom"/,
    );
  });

  it('checks cross references between vehicles, plans, routing and units', () => {
    expect(() => validateConfig({ vehicles: [{ id: 'v1', type: 'sweeper', plan: 'p9' }] })).toThrow(
      /vehicles\[0\]\.plan: vehicle "v1" references unknown plan "p9"/,
    );
    expect(() => validateConfig({ cases: { routing: [{ unit: 'ghost' }] } })).toThrow(
      /cases\.routing\[0\]\.unit: .*"ghost"/,
    );
    expect(() =>
      validateConfig({
        cameras: [
          { id: 'a', source: 'x' },
          { id: 'a', source: 'y' },
        ],
      }),
    ).toThrow(/cameras\[1\]\.id: duplicate/);
  });

  it('reports unreadable and non-YAML files clearly', () => {
    expect(() => loadConfigFile('/nonexistent/gw.yaml')).toThrow(/cannot read config file .*ENOENT/);
    expect(() => loadConfigFile(writeYaml('a: [1, 2'))).toThrow(/not valid YAML/);
  });

  it('describes every field in the JSON schema', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (typeof v.description !== 'string') undescribed.push(`${at}.${k}`);
      }
      for (const v of Object.values(n)) walk(v, at);
    };
    walk(configJsonSchema(), '$');
    expect(undescribed).toEqual([]);
  });
});

describe('cameras[].detect (sub stream)', () => {
  const cam = (detect: unknown) => ({ cameras: [{ id: 'c1', source: 'rtsp://10.0.0.1/main', detect }] });
  it('takes a sub stream URL, a width and a rate, all optional', () => {
    const c = validateConfig(cam({ url: 'rtsp://10.0.0.1/sub', width: 416, fps: 2 }), 't');
    expect(c.cameras[0]?.detect).toEqual({ url: 'rtsp://10.0.0.1/sub', width: 416, fps: 2 });
    expect(validateConfig(cam({}), 't').cameras[0]?.detect).toEqual({});
  });
  it('names the field of a wrong value or an unknown key', () => {
    expect(() => validateConfig(cam({ width: 8 }), 't')).toThrow(/cameras\[0\]\.detect\.width/);
    expect(() => validateConfig(cam({ url: '' }), 't')).toThrow(/cameras\[0\]\.detect\.url/);
    expect(() => validateConfig(cam({ roles: ['detect'] }), 't')).toThrow(/cameras\[0\]\.detect: unknown key "roles"/);
  });
});
