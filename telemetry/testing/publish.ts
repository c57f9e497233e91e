/** Test helper: vehicles publishing N fixes each at QoS 1, interleaved, with a bounded in-flight window. */
import type { MqttClient } from 'mqtt';
import { fixPayload } from './fleet.ts';

export interface StreamOptions {
  readonly clients: ReadonlyMap<string, MqttClient>;
  readonly perVehicle: number;
  /** ts of fix i is t0 + i * stepMs. */
  readonly t0: number;
  readonly stepMs: number;
  readonly window?: number;
  /** Called after each round (one fix per vehicle) with the number of rounds done; awaited. */
  readonly afterRound?: (round: number) => Promise<void> | void;
}

/** Resolves when every fix is acknowledged (mqtt.js resends unacknowledged ones after reconnecting). */
export async function publishStream(o: StreamOptions): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const window = o.window ?? 100;
  for (let i = 0; i < o.perVehicle; i++) {
    for (const [id, c] of o.clients) {
      pending.push(c.publishAsync(`gridwatch/vehicles/${id}/position`, fixPayload(o.t0 + i * o.stepMs, i), { qos: 1 }));
      if (pending.length >= window) await pending.shift();
    }
    await o.afterRound?.(i + 1);
  }
  await Promise.all(pending);
}

export function expectedTs(o: { perVehicle: number; t0: number; stepMs: number }): number[] {
  return Array.from({ length: o.perVehicle }, (_, i) => o.t0 + i * o.stepMs);
}
