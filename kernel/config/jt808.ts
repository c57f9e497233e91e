/** The `jt808:` section: gridwatch's JT/T 808 server for vehicle GPS terminals (telemetry/jt808/). */
import { z } from 'zod';
import { id, type Problem } from './common.ts';
import { connectionsSchema } from './net.ts';

const work = z
  .strictObject({
    source: z
      .enum(['status', 'io', 'signal'])
      .describe(
        'Where the bit is: "status" = the status DWORD of 0x0200, "io" = additional item 0x2A (IO status WORD), ' +
          '"signal" = additional item 0x25 (extended vehicle signal DWORD).',
      ),
    bit: z.number().int().min(0).max(31).describe('Bit number, 0 = least significant.'),
    activeWhen: z
      .union([z.literal(0), z.literal(1)])
      .default(1)
      .describe('Bit value meaning "working" (brush down, spraying, lifting).'),
    mode: z.string().max(64).optional().describe('Work mode reported with the flag, e.g. "sweeping".'),
  })
  .describe('Work status of the vehicle from a status or IO bit; without it the route checks infer working.');

const terminal = z
  .strictObject({
    phone: z
      .string()
      .regex(/^\d{1,20}$/, 'must be the terminal phone number: 1–20 digits (12 in 2013 headers, 20 in 2019)')
      .describe('Terminal phone number (终端手机号) as in the message header, e.g. "013912345678".'),
    vehicle: id.describe('Id of the configured vehicle this terminal is fitted to.'),
    authCode: z
      .string()
      .regex(/^[\x21-\x7e]{4,64}$/, 'must be 4–64 printable ASCII characters')
      .optional()
      .describe('Fixed authentication code (鉴权码); default: derived from the phone and a key kept in dataDir.'),
    work: work.optional().describe('Work status bit of this terminal; overrides jt808.work.'),
  })
  .describe('A JT/T 808 terminal and the vehicle it reports for.');

export const jt808Schema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Run the JT/T 808 server (the section is off when omitted).'),
    host: z.string().default('127.0.0.1').describe('Address the JT/T 808 server binds to ("0.0.0.0" for all).'),
    port: z.number().int().min(0).max(65535).default(6808).describe('TCP port terminals connect to (0 = any free).'),
    connections: connectionsSchema('JT/T 808', {
      maxPerAddress: 2000,
      handshakeSeconds: 60,
      idleSeconds: 180,
      maxQueuedKb: 256,
    }),
    maxConnections: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(20_000)
      .describe('Most open connections; further ones are closed at once.'),
    subpackageTimeoutSeconds: z
      .number()
      .min(1)
      .max(3600)
      .default(60)
      .describe('Sub-packages of a message not complete after this long are dropped (and counted).'),
    maxMessageBytes: z
      .number()
      .int()
      .min(1024)
      .max(4_194_304)
      .default(262_144)
      .describe('Largest message reassembled from sub-packages.'),
    maxInFlight: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(512)
      .describe('Reports of one connection awaiting storage before its socket is paused (back-pressure).'),
    work: work.optional().describe('Default work status bit for every terminal.'),
    terminals: z.array(terminal).default([]).describe('Terminals allowed to connect; any other is refused.'),
  })
  .describe('JT/T 808 (2013/2019) server: vehicle GPS terminals report over TCP into the telemetry pipeline.');

export type Jt808Config = z.infer<typeof jt808Schema>;
export type Jt808WorkBit = z.infer<typeof work>;

/** Phone numbers compare as 20 digits: a 12-digit 2013 number equals its zero-padded 2019 form. */
export const phoneKey = (phone: string): string => phone.padStart(20, '0');

export function checkJt808(j: Jt808Config | undefined, vehicleIds: readonly string[]): Problem[] {
  if (!j) return [];
  const problems: Problem[] = [];
  const known = new Set(vehicleIds);
  const phones = new Map<string, number>();
  const vehicles = new Map<string, number>();
  j.terminals.forEach((t, i) => {
    const key = phoneKey(t.phone);
    const dup = phones.get(key);
    if (dup !== undefined)
      problems.push({
        path: ['jt808', 'terminals', i, 'phone'],
        message: `phone "${t.phone}" is also terminals[${dup}]`,
      });
    else phones.set(key, i);
    if (!known.has(t.vehicle))
      problems.push({
        path: ['jt808', 'terminals', i, 'vehicle'],
        message: `terminal "${t.phone}" references unknown vehicle "${t.vehicle}"`,
      });
    const other = vehicles.get(t.vehicle);
    if (other !== undefined)
      problems.push({
        path: ['jt808', 'terminals', i, 'vehicle'],
        message: `vehicle "${t.vehicle}" already has terminal terminals[${other}]`,
      });
    else vehicles.set(t.vehicle, i);
  });
  return problems;
}
