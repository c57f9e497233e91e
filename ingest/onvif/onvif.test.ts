import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover, parseProbeMatches, probeMessage } from './discovery.ts';
import { parseDeviceUrl, probeDevice, sourceUrl } from './probe.ts';
import { type FakeCamera, startFakeCamera } from './testing.ts';

let cam: FakeCamera;
beforeAll(async () => {
  cam = await startFakeCamera({ username: 'admin', password: 'Hik12345' });
});
afterAll(() => cam.close());

describe('onvif probe against a local ONVIF device', () => {
  it('reads device information, both profiles with their RTSP URIs, and PTZ presets', async () => {
    const dev = await probeDevice({ url: cam.deviceUrl, username: 'admin', password: 'Hik12345' });
    expect(dev.manufacturer).toBe('TestVendor');
    expect(dev.model).toBe('DS-TEST');
    expect(dev.firmware).toBe('V5.7.3');
    expect(dev.profiles.map((p) => [p.token, p.width, p.height, p.encoding, p.rtsp])).toEqual([
      ['main', 1920, 1080, 'H264', 'rtsp://127.0.0.1:554/Streaming/Channels/101'],
      ['sub', 640, 360, 'H264', 'rtsp://127.0.0.1:554/Streaming/Channels/102'],
    ]);
    expect(dev.profiles[0]?.ptz).toBe(true);
    expect(dev.profiles[0]?.presets).toEqual([
      { token: '1', name: '路口东向' },
      { token: '2', name: '人行道' },
    ]);
    expect(dev.profiles[1]?.presets).toEqual([]);
  });

  it('a wrong password is refused with a message that says so', async () => {
    await expect(probeDevice({ url: cam.deviceUrl, username: 'admin', password: 'nope' })).rejects.toThrow(
      /refused the user name or password/,
    );
  });

  it('nothing listening: says no device answered', async () => {
    await expect(probeDevice({ url: 'http://127.0.0.1:9/onvif/device_service', timeoutMs: 2000 })).rejects.toThrow(
      /no ONVIF device answered/,
    );
  });

  it('device addresses: host alone, port, path; other schemes refused', () => {
    expect(parseDeviceUrl('192.0.2.7')).toEqual({
      hostname: '192.0.2.7',
      port: 80,
      path: '/onvif/device_service',
      secure: false,
    });
    expect(parseDeviceUrl('https://cam.local:8443/onvif/dev').port).toBe(8443);
    expect(() => parseDeviceUrl('rtsp://cam/stream')).toThrow(/http:\/\/ or https:\/\//);
  });

  it('source URLs carry the user and a password placeholder unless the password is asked for', () => {
    const rtsp = 'rtsp://192.0.2.7:554/Streaming/Channels/101';
    expect(sourceUrl(rtsp, 'admin')).toBe('rtsp://admin:PASSWORD@192.0.2.7:554/Streaming/Channels/101');
    expect(sourceUrl(rtsp, 'admin', 'p@ss')).toBe('rtsp://admin:p%40ss@192.0.2.7:554/Streaming/Channels/101');
    expect(sourceUrl(rtsp)).toBe(rtsp);
  });
});

describe('WS-Discovery', () => {
  it('a directed probe finds the device, with its decoded name and its device service URL', async () => {
    const found = await discover({ address: '127.0.0.1', port: cam.discoveryPort, timeoutMs: 800 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      urn: 'urn:uuid:4d454930-0000-1000-8000-bcbac2a1b2c3',
      xaddrs: [cam.deviceUrl],
      name: '解放路口',
      hardware: 'DS-TEST',
      location: 'city/shenzhen',
      from: '127.0.0.1',
    });
  });

  it('answers to someone else’s probe, and garbage, are ignored', () => {
    const reply = (relates: string) =>
      '<s:Envelope xmlns:s="x" xmlns:a="y" xmlns:d="z"><s:Header><a:RelatesTo>' +
      relates +
      '</a:RelatesTo></s:Header><s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>urn:a' +
      '</a:Address></a:EndpointReference><d:XAddrs>http://h/onvif/device_service</d:XAddrs></d:ProbeMatch>' +
      '</d:ProbeMatches></s:Body></s:Envelope>';
    expect(parseProbeMatches(reply('urn:uuid:mine'), 'h', 'urn:uuid:mine')).toHaveLength(1);
    expect(parseProbeMatches(reply('urn:uuid:other'), 'h', 'urn:uuid:mine')).toEqual([]);
    expect(parseProbeMatches('<<<not xml', 'h')).toEqual([]);
    expect(parseProbeMatches('<a>b</a>', 'h')).toEqual([]);
  });

  it('the probe asks for NetworkVideoTransmitter with its message id', () => {
    const m = probeMessage('1234');
    expect(m).toContain('<a:MessageID>urn:uuid:1234</a:MessageID>');
    expect(m).toContain('dn:NetworkVideoTransmitter');
  });
});
