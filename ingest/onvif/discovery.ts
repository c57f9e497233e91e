/**
 * ONVIF device discovery: a WS-Discovery Probe for NetworkVideoTransmitter over UDP, and the ProbeMatches that come
 * back within the timeout. The default target is the WS-Discovery multicast group (239.255.255.250:3702) on the local
 * network; a unicast address (a "directed probe", e.g. a camera in another subnet) works the same way. The `onvif`
 * package's own discovery can only multicast, so the probe is sent here; devices found are then read with `onvif`.
 */
import { randomUUID } from 'node:crypto';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { XMLParser } from 'fast-xml-parser';

export const WS_DISCOVERY_GROUP = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

export interface DiscoveryOptions {
  /** Where the probe goes: the multicast group by default, or one device's address. */
  readonly address?: string;
  readonly port?: number;
  /** How long to collect answers, ms. */
  readonly timeoutMs?: number;
}

export interface DiscoveredDevice {
  /** The device's endpoint reference (urn:uuid:…): stable across address changes. */
  readonly urn: string;
  /** Device service URLs (http://ip/onvif/device_service): what `gridwatch onvif probe` takes. */
  readonly xaddrs: readonly string[];
  /** ONVIF scopes, decoded: name, hardware, location (onvif://www.onvif.org/name/…). */
  readonly name?: string;
  readonly hardware?: string;
  readonly location?: string;
  readonly types: string;
  /** Where the answer came from. */
  readonly from: string;
}

export function probeMessage(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"' +
    ' xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"' +
    ' xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<s:Header>' +
    `<a:MessageID>urn:uuid:${messageId}</a:MessageID>` +
    '<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    '</s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>' +
    '</s:Envelope>'
  );
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

type Node = Record<string, unknown>;
const child = (node: unknown, key: string): unknown =>
  node && typeof node === 'object' ? (node as Node)[key] : undefined;
const text = (node: unknown): string => (typeof node === 'string' ? node.trim() : '');

function scope(scopes: readonly string[], kind: string): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const found = scopes.find((s) => s.startsWith(prefix));
  if (!found) return undefined;
  try {
    return decodeURIComponent(found.slice(prefix.length));
  } catch {
    return found.slice(prefix.length);
  }
}

/** One ProbeMatches answer → the devices in it (usually one); anything else → an empty list. */
export function parseProbeMatches(xml: string, from: string, relatesTo?: string): DiscoveredDevice[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const envelope = child(doc, 'Envelope');
  const related = text(child(child(envelope, 'Header'), 'RelatesTo'));
  if (relatesTo && related && related !== relatesTo) return [];
  const matches = child(child(child(envelope, 'Body'), 'ProbeMatches'), 'ProbeMatch');
  const list = Array.isArray(matches) ? matches : matches ? [matches] : [];
  const devices: DiscoveredDevice[] = [];
  for (const m of list) {
    const urn = text(child(child(m, 'EndpointReference'), 'Address'));
    const xaddrs = text(child(m, 'XAddrs')).split(/\s+/).filter(Boolean);
    if (!urn || xaddrs.length === 0) continue;
    const scopes = text(child(m, 'Scopes')).split(/\s+/).filter(Boolean);
    const found: DiscoveredDevice = { urn, xaddrs, types: text(child(m, 'Types')), from };
    const name = scope(scopes, 'name');
    const hardware = scope(scopes, 'hardware');
    const location = scope(scopes, 'location');
    devices.push({
      ...found,
      ...(name ? { name } : {}),
      ...(hardware ? { hardware } : {}),
      ...(location ? { location } : {}),
    });
  }
  return devices;
}

/** Sends one probe and collects the devices that answer within the timeout (each device once, by urn). */
export function discover(opts: DiscoveryOptions = {}): Promise<DiscoveredDevice[]> {
  const address = opts.address ?? WS_DISCOVERY_GROUP;
  const port = opts.port ?? WS_DISCOVERY_PORT;
  const messageId = `urn:uuid:${randomUUID()}`;
  const message = Buffer.from(probeMessage(messageId.slice('urn:uuid:'.length)));
  const found = new Map<string, DiscoveredDevice>();
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve([...found.values()]);
    };
    const timer = setTimeout(() => finish(), opts.timeoutMs ?? 3000);
    socket.on('error', (err) => finish(new Error(`WS-Discovery to ${address}:${port} failed: ${err.message}`)));
    socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
      for (const d of parseProbeMatches(msg.toString('utf8'), rinfo.address, messageId)) {
        if (!found.has(d.urn)) found.set(d.urn, d);
      }
    });
    socket.bind(0, () => {
      socket.send(message, port, address, (err) => {
        if (err) finish(new Error(`WS-Discovery to ${address}:${port} failed: ${err.message}`));
      });
    });
  });
}
