/**
 * Publishing a planned replay over MQTT the way vehicles do: one connection per vehicle (user name = vehicle id),
 * a retained "offline" last will and "online" status on the status topic, fixes at QoS 1 on the position topic,
 * each when it is due. MQTT 3.1.1 (protocol 4) so it works with the embedded aedes and with Mosquitto alike.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { InputError, errorMessage } from '../../kernel/errors.ts';
import { Topics } from '../topics.ts';
import type { ReplayFix } from './plan.ts';

export interface PublishOptions {
  readonly url: string;
  readonly topicPrefix: string;
  /** Login for a vehicle; undefined → connect without credentials. */
  readonly credentials: (vehicleId: string) => { readonly username: string; readonly password: string } | undefined;
  readonly onProgress?: (published: number) => void;
  readonly signal?: AbortSignal;
  /** Most unacknowledged fixes per vehicle connection. */
  readonly maxInFlight?: number;
}

export interface PublishResult {
  readonly published: number;
  readonly vehicles: number;
  readonly seconds: number;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** One vehicle's connection, logged in as it, with its "offline" last will and an "online" status published. */
export async function connectVehicle(
  url: string,
  vehicleId: string,
  topics: Topics,
  o: Pick<PublishOptions, 'credentials'>,
  tag = 'replay',
): Promise<MqttClient> {
  const cred = o.credentials(vehicleId);
  try {
    const c = await mqtt.connectAsync(
      url,
      {
        protocolVersion: 4,
        clientId: `${tag}-${vehicleId}-${process.pid}`,
        ...(cred ? { username: cred.username, password: cred.password } : {}),
        will: { topic: topics.status(vehicleId), payload: Buffer.from('offline'), qos: 1, retain: true },
        reconnectPeriod: 1000,
        connectTimeout: 10_000,
      },
      false,
    );
    await c.publishAsync(topics.status(vehicleId), 'online', { qos: 1, retain: true });
    return c;
  } catch (err) {
    throw new InputError(`broker ${url} refused vehicle "${vehicleId}": ${errorMessage(err)}`, { cause: err });
  }
}

export async function publishReplay(plan: readonly ReplayFix[], o: PublishOptions): Promise<PublishResult> {
  const topics = new Topics(o.topicPrefix);
  const ids = [...new Set(plan.map((f) => f.vehicleId))];
  const clients = new Map<string, MqttClient>();
  const inFlight = new Map<string, Promise<unknown>[]>();
  const max = o.maxInFlight ?? 200;
  const started = performance.now();
  let published = 0;
  try {
    for (const id of ids) clients.set(id, await connectVehicle(o.url, id, topics, o));
    for (const fix of plan) {
      if (o.signal?.aborted) break;
      const wait = fix.dueMs - (performance.now() - started);
      if (wait > 1) await sleep(wait, o.signal);
      if (o.signal?.aborted) break;
      const queue = inFlight.get(fix.vehicleId) ?? [];
      inFlight.set(fix.vehicleId, queue);
      if (queue.length >= max) await queue.shift();
      const c = clients.get(fix.vehicleId)!;
      queue.push(
        c.publishAsync(topics.position(fix.vehicleId), JSON.stringify(fix.payload), { qos: 1 }).then(() => {
          published++;
          o.onProgress?.(published);
        }),
      );
    }
    if (!o.signal?.aborted) {
      await Promise.all([...inFlight.values()].flat());
      for (const [id, c] of clients) await c.publishAsync(topics.status(id), 'offline', { qos: 1, retain: true });
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.endAsync(o.signal?.aborted ?? false)));
  }
  return { published, vehicles: ids.length, seconds: (performance.now() - started) / 1000 };
}
