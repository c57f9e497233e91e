import { z } from 'zod';

const common = {
  topicPrefix: z.string().default('gridwatch').describe('Topic prefix; vehicles publish to PREFIX/vehicles/{id}/position.'),
  maxPayloadBytes: z.number().int().min(64).max(65536).default(2048).describe('Larger payloads are rejected.'),
};

const embedded = z
  .strictObject({
    ...common,
    mode: z.literal('embedded').describe('Run the embedded aedes broker (MQTT 3.1.1) inside gridwatch.'),
    host: z.string().default('127.0.0.1').describe('Address the embedded broker binds to.'),
    port: z.number().int().min(0).max(65535).default(1883).describe('MQTT TCP port (0 = any free port).'),
    wsPort: z.number().int().min(0).max(65535).optional().describe('MQTT over WebSocket port for browsers; off when omitted.'),
  })
  .describe('Embedded broker.');

const external = z
  .strictObject({
    ...common,
    mode: z.literal('url').describe('Connect to an external broker (Mosquitto, EMQX) with MQTT 5.'),
    url: z.string().regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL').describe('Broker URL.'),
    username: z.string().optional().describe('User gridwatch logs in as.'),
    password: z.string().optional().describe('Password for that user.'),
    clientId: z.string().default('gridwatch').describe('Client id; each worker needs its own.'),
    sharedGroup: z
      .string()
      .optional()
      .describe('MQTT 5 shared-subscription group ($share/GROUP/…) so several workers split the vehicles.'),
  })
  .describe('External broker.');

export const mqttSchema = z.discriminatedUnion('mode', [embedded, external]).describe('MQTT broker for vehicle telemetry.');
