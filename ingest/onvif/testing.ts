/**
 * A small ONVIF device for tests: the device, media and PTZ services over SOAP/HTTP (the calls `onvif` makes to
 * read profiles, stream URIs and presets, with WS-Security UsernameToken digests checked like a camera does), and a
 * WS-Discovery responder on a UDP port. Bound to 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCameraOptions {
  readonly username: string;
  readonly password: string;
  readonly manufacturer?: string;
  readonly model?: string;
  /** RTSP URIs per profile token. */
  readonly streams?: Readonly<Record<string, string>>;
}

export interface FakePtz {
  x: number;
  y: number;
  zoom: number;
  moving: boolean;
}

export interface FakeCamera {
  readonly deviceUrl: string;
  /** The PTZ head: set its position / move status; GetStatus reports it. Presets: 1 (0.1, 0.2, 0), 2 (-0.5, 0, 0.3). */
  readonly ptz: FakePtz;
  readonly discoveryPort: number;
  readonly requests: string[];
  close(): Promise<void>;
}

const ENV_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"' +
  ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"' +
  ' xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"' +
  ' xmlns:ter="http://www.onvif.org/ver10/error"><s:Body>';
const ENV_CLOSE = '</s:Body></s:Envelope>';

function fault(code: string, reason: string): string {
  return (
    `${ENV_OPEN}<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>${code}</s:Value></s:Subcode>` +
    `</s:Code><s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason></s:Fault>${ENV_CLOSE}`
  );
}

const tag = (xml: string, name: string): string | undefined =>
  new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];

/** WS-Security UsernameToken PasswordDigest: base64(sha1(nonce + created + password)). */
function authorised(body: string, username: string, password: string): boolean {
  const user = tag(body, 'Username');
  const digest = tag(body, 'Password');
  const nonce = tag(body, 'Nonce');
  const created = tag(body, 'Created');
  if (user !== username || !digest || !nonce || !created) return false;
  const expected = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(password)]))
    .digest('base64');
  return expected === digest;
}

function profileXml(token: string, name: string, w: number, h: number, ptz: boolean): string {
  return (
    `<trt:Profiles token="${token}" fixed="true"><tt:Name>${name}</tt:Name>` +
    '<tt:VideoSourceConfiguration token="vsc"><tt:Name>vsc</tt:Name><tt:UseCount>2</tt:UseCount>' +
    '<tt:SourceToken>vs0</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/>' +
    '</tt:VideoSourceConfiguration>' +
    `<tt:VideoEncoderConfiguration token="vec-${token}"><tt:Name>vec</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>${w}</tt:Width><tt:Height>${h}</tt:Height>` +
    '</tt:Resolution><tt:Quality>4</tt:Quality><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit>' +
    '<tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl>' +
    '</tt:VideoEncoderConfiguration>' +
    (ptz
      ? '<tt:PTZConfiguration token="ptz0"><tt:Name>ptz</tt:Name><tt:NodeToken>n0</tt:NodeToken></tt:PTZConfiguration>'
      : '') +
    '</trt:Profiles>'
  );
}

const presetXml = (token: string, name: string, x: number, y: number, z: number) =>
  `<tptz:Preset token="${token}"><tt:Name>${name}</tt:Name><tt:PTZPosition>` +
  `<tt:PanTilt x="${x}" y="${y}" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"/>` +
  `<tt:Zoom x="${z}" space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"/></tt:PTZPosition>` +
  '</tptz:Preset>';

function statusXml(p: FakePtz): string {
  const move = p.moving ? 'MOVING' : 'IDLE';
  return (
    '<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>' +
    `<tt:PanTilt x="${p.x}" y="${p.y}" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"/>` +
    `<tt:Zoom x="${p.zoom}" space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"/>` +
    `</tt:Position><tt:MoveStatus><tt:PanTilt>${move}</tt:PanTilt><tt:Zoom>${move}</tt:Zoom></tt:MoveStatus>` +
    `<tt:UtcTime>${new Date().toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
  );
}

function answer(action: string, body: string, base: string, opts: FakeCameraOptions, ptz: FakePtz): string | undefined {
  const streams = opts.streams ?? {
    main: 'rtsp://127.0.0.1:554/Streaming/Channels/101',
    sub: 'rtsp://127.0.0.1:554/Streaming/Channels/102',
  };
  switch (action) {
    case 'GetCapabilities':
      return (
        `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr>` +
        `</tt:Device><tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr></tt:Media>` +
        `<tt:PTZ><tt:XAddr>${base}/onvif/ptz_service</tt:XAddr></tt:PTZ></tds:Capabilities>` +
        '</tds:GetCapabilitiesResponse>'
      );
    case 'GetDeviceInformation':
      return (
        `<tds:GetDeviceInformationResponse><tds:Manufacturer>${opts.manufacturer ?? 'TestVendor'}</tds:Manufacturer>` +
        `<tds:Model>${opts.model ?? 'DS-TEST'}</tds:Model><tds:FirmwareVersion>V5.7.3</tds:FirmwareVersion>` +
        '<tds:SerialNumber>SN0001</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId>' +
        '</tds:GetDeviceInformationResponse>'
      );
    case 'GetProfiles': {
      const main = profileXml('main', 'mainStream', 1920, 1080, true);
      const sub = profileXml('sub', 'subStream', 640, 360, false);
      return `<trt:GetProfilesResponse>${main}${sub}</trt:GetProfilesResponse>`;
    }
    case 'GetVideoSources':
      return (
        '<trt:GetVideoSourcesResponse><trt:VideoSources token="vs0"><tt:Framerate>25</tt:Framerate>' +
        '<tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution></trt:VideoSources>' +
        '</trt:GetVideoSourcesResponse>'
      );
    case 'GetStreamUri': {
      const uri = streams[tag(body, 'ProfileToken') ?? ''];
      if (!uri) return undefined;
      return (
        `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${uri}</tt:Uri><tt:InvalidAfterConnect>false` +
        '</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout>' +
        '</trt:MediaUri></trt:GetStreamUriResponse>'
      );
    }
    case 'GetPresets':
      return (
        `<tptz:GetPresetsResponse>${presetXml('1', '路口东向', 0.1, 0.2, 0)}` +
        `${presetXml('2', '人行道', -0.5, 0, 0.3)}</tptz:GetPresetsResponse>`
      );
    case 'GetStatus':
      return statusXml(ptz);
    default:
      return undefined;
  }
}

function discoveryAnswer(probe: string, xaddr: string): string | undefined {
  const messageId = tag(probe, 'MessageID');
  if (!messageId || !/Probe\b/.test(probe)) return undefined;
  return (
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"' +
    ' xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Header>' +
    `<a:RelatesTo>${messageId}</a:RelatesTo></s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>` +
    '<a:EndpointReference><a:Address>urn:uuid:4d454930-0000-1000-8000-bcbac2a1b2c3</a:Address></a:EndpointReference>' +
    '<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>' +
    '<d:Scopes>onvif://www.onvif.org/name/%E8%A7%A3%E6%94%BE%E8%B7%AF%E5%8F%A3 onvif://www.onvif.org/hardware/DS-TEST' +
    ' onvif://www.onvif.org/location/city/shenzhen</d:Scopes>' +
    `<d:XAddrs>${xaddr}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches>` +
    '</s:Body></s:Envelope>'
  );
}

export async function startFakeCamera(opts: FakeCameraOptions): Promise<FakeCamera> {
  const requests: string[] = [];
  const ptz: FakePtz = { x: 0.1, y: 0.2, zoom: 0, moving: false };
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const action = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(body)?.[1] ?? '';
      requests.push(action);
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
        res.end(xml);
      };
      if (action === 'GetSystemDateAndTime') {
        const d = new Date();
        return reply(
          200,
          `${ENV_OPEN}<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>` +
            '<tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime>' +
            `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
            `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year>` +
            `<tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>` +
            `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>${ENV_CLOSE}`,
        );
      }
      if (!authorised(body, opts.username, opts.password)) {
        return reply(400, fault('ter:NotAuthorized', 'Sender not Authorized'));
      }
      const out = answer(action, body, base, opts, ptz);
      if (out === undefined) return reply(400, fault('ter:ActionNotSupported', `${action} is not supported`));
      return reply(200, `${ENV_OPEN}${out}${ENV_CLOSE}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const udp: Socket = createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    const out = discoveryAnswer(msg.toString('utf8'), `${base}/onvif/device_service`);
    if (out) udp.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    deviceUrl: `${base}/onvif/device_service`,
    ptz,
    discoveryPort: udp.address().port,
    requests,
    close: async () => {
      udp.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
