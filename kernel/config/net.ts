/** Connection limits of a TCP listener (RTMP, MQTT, HTTP-FLV, JT/T 808): one schema, the defaults per listener. */
import { z } from 'zod';
import type { ConnectionLimits } from '../net/guard.ts';

export interface ConnectionDefaults {
  readonly maxPerAddress: number;
  readonly handshakeSeconds: number;
  readonly idleSeconds: number;
  readonly maxQueuedKb: number;
}

/** The `connections` object of a listener section; `what` names the listener in the descriptions. */
export function connectionsSchema(what: string, d: ConnectionDefaults) {
  return z
    .strictObject({
      maxPerAddress: z
        .number()
        .int()
        .min(1)
        .max(100_000)
        .default(d.maxPerAddress)
        .describe(
          `Open ${what} connections allowed from one IP address; the next one is closed at once. ` +
            'Peers behind one NAT or reverse proxy share an address: keep it above the number of peers behind it.',
        ),
      handshakeSeconds: z
        .number()
        .min(0)
        .max(3600)
        .default(d.handshakeSeconds)
        .describe(
          `A ${what} connection that has not completed its protocol handshake this long after opening is ` +
            `closed; 0 = never.`,
        ),
      idleSeconds: z
        .number()
        .min(0)
        .max(86_400)
        .default(d.idleSeconds)
        .describe(`A ${what} connection with no byte received or sent for this long is closed; 0 = never.`),
      maxQueuedKb: z
        .number()
        .int()
        .min(0)
        .max(1_048_576)
        .default(d.maxQueuedKb)
        .describe(
          `A ${what} peer that stops reading is closed once this many KiB wait to be sent to it; 0 = no limit.`,
        ),
    })
    .prefault({})
    .describe(`Connection limits of the ${what} listener (per-address cap, handshake and idle timeouts).`);
}

export type ConnectionsConfig = z.infer<ReturnType<typeof connectionsSchema>>;

/** Config (seconds, KiB) → the guard's limits (ms, bytes). */
export function connectionLimits(c: ConnectionsConfig): ConnectionLimits {
  return {
    maxPerAddress: c.maxPerAddress,
    handshakeMs: Math.round(c.handshakeSeconds * 1000),
    idleMs: Math.round(c.idleSeconds * 1000),
    maxBufferedBytes: c.maxQueuedKb * 1024,
  };
}
