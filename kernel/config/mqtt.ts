import { z } from 'zod';
import { id, timezone } from './common.ts';
import { connectionsSchema } from './net.ts';
import { simulateSchema } from './simulate.ts';

const replay = z
  .strictObject({
    traces: z
      .array(z.string().min(1))
      .min(1, 'name at least one trace file')
      .describe(
        'Trace files (CSV with vehicle_id, GPX, GeoJSON; relative to the config file) replayed as live vehicles.',
      ),
    vehicle: id.optional().describe('Vehicle id for traces without a vehicle_id column.'),
    speedup: z
      .number()
      .min(0.1)
      .max(1000)
      .default(1)
      .describe(
        'Replay speed: 10 plays a 10-minute stretch in 1 minute. Fix times are compressed alike, so implied speeds ' +
          'grow by the same factor.',
      ),
    loop: z.boolean().default(true).describe('Start again when a trace ends (with times shifted to now again).'),
    tz: timezone.optional().describe('Time zone of ISO times without an offset (e.g. "America/New_York").'),
    work: z
      .boolean()
      .optional()
      .describe('Report every replayed fix as working / not working (recorded traces carry no work status).'),
  })
  .describe(
    'Demo fleet: replays recorded traces through the broker as if the vehicles were live (times shifted to now). ' +
      'Each vehicle logs in with its own password when it has one.',
  );

const common = {
  topicPrefix: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
      'must be topic levels of letters, digits, "_", "-" or "." (no wildcards)',
    )
    .default('gridwatch')
    .describe('Topic prefix; vehicles publish to PREFIX/vehicles/{id}/position and PREFIX/vehicles/{id}/status.'),
  maxPayloadBytes: z
    .number()
    .int()
    .min(64)
    .max(65536)
    .default(2048)
    .describe(
      'Largest payload on any vehicle topic (position and status). Larger ones are rejected (counted "oversized"); ' +
        'the embedded broker neither forwards nor retains them and closes a client that tries to retain one.',
    ),
  maxFutureSeconds: z
    .number()
    .int()
    .min(0)
    .max(86400)
    .default(300)
    .describe('Fixes dated further ahead of the server clock are rejected.'),
  maxAgeHours: z
    .number()
    .min(0.01)
    .max(8760)
    .default(72)
    .describe('Fixes older than this are rejected (store-and-forward backlogs up to it are kept).'),
  maxJumpKmh: z
    .number()
    .min(10)
    .max(2000)
    .default(250)
    .describe('A fix implying a faster move from the last good fix is a GPS jump and is dropped.'),
  offlineAfterSeconds: z
    .number()
    .int()
    .min(10)
    .max(86400)
    .default(600)
    .describe('A vehicle silent this long is reported offline.'),
  replay: replay.optional(),
  simulate: simulateSchema.optional(),
};

const subscriber = z
  .strictObject({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{2,64}$/, 'must be 2–64 letters, digits, "_", "-" or "."')
      .describe('MQTT user name.'),
    password: z.string().min(8, 'must be at least 8 characters').describe('MQTT password.'),
  })
  .describe('A dashboard or service account: may subscribe to vehicle topics, never publish.');

const embedded = z
  .strictObject({
    ...common,
    mode: z.literal('embedded').describe('Run the embedded aedes broker (MQTT 3.1.1) inside gridwatch.'),
    host: z.string().default('127.0.0.1').describe('Address the embedded broker binds to.'),
    port: z.number().int().min(0).max(65535).default(1883).describe('MQTT TCP port (0 = any free port).'),
    wsPort: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe('MQTT over WebSocket port for browsers; off when omitted.'),
    subscribers: z.array(subscriber).default([]).describe('Subscribe-only accounts (dashboards, other services).'),
    connections: connectionsSchema('MQTT (TCP and WebSocket)', {
      maxPerAddress: 100,
      handshakeSeconds: 10,
      idleSeconds: 300,
      maxQueuedKb: 4096,
    }),
  })
  .describe('Embedded broker. Vehicles log in with their id and vehicles[].password; anonymous clients are refused.');

const external = z
  .strictObject({
    ...common,
    mode: z.literal('url').describe('Connect to an external broker (Mosquitto, EMQX) with MQTT 5.'),
    url: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
      .describe('Broker URL.'),
    username: z.string().optional().describe('User gridwatch logs in as.'),
    password: z.string().optional().describe('Password for that user.'),
    clientId: z
      .string()
      .default('gridwatch')
      .describe('Client id; each worker needs its own (it names the persistent session).'),
    sessionExpirySeconds: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .default(86400)
      .describe('How long the broker keeps queueing fixes for gridwatch while it is away (persistent session).'),
    sharedGroup: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, "_", "-" or "."')
      .optional()
      .describe(
        'MQTT 5 shared-subscription group ($share/GROUP/…): workers split the messages, not the vehicles (see ' +
          'telemetry/README.md).',
      ),
    partition: z
      .strictObject({
        count: z.number().int().min(1).max(1024).describe('Number of workers.'),
        index: z.number().int().min(0).max(1023).describe('This worker, 0 … count−1.'),
      })
      .refine((p) => p.index < p.count, { message: 'index must be below count', path: ['index'] })
      .optional()
      .describe(
        'Split the vehicles (not the messages) between workers: each vehicle is always handled by one worker, in ' +
          'order.',
      ),
  })
  .describe('External broker.');

export const mqttSchema = z
  .discriminatedUnion('mode', [embedded, external])
  .describe('MQTT broker for vehicle telemetry.');
export type MqttConfig = z.infer<typeof mqttSchema>;
