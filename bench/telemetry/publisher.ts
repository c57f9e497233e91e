/**
 * Publisher process for bench/telemetry.ts: V vehicles, each its own MQTT 3.1.1 connection logged in as itself,
 * publishing N fixes at QoS 1 with a bounded in-flight window. Talks to the parent over IPC: ready → go → done.
 */
import mqtt, { type MqttClient } from 'mqtt';

interface Job {
  readonly url: string;
  readonly vehicles: readonly { readonly id: string; readonly password: string }[];
  readonly perVehicle: number;
  readonly t0: number;
  readonly window: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const send = (m: unknown): void => void process.send?.(m);

async function run(): Promise<void> {
  const clients: [string, MqttClient][] = [];
  for (const v of job.vehicles) {
    clients.push([
      v.id,
      await mqtt.connectAsync(
        job.url,
        { protocolVersion: 4, username: v.id, password: v.password, clientId: `bench-${v.id}`, reconnectPeriod: 0 },
        false,
      ),
    ]);
  }
  send({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const t = performance.now();
  await Promise.all(
    clients.map(async ([id, c]) => {
      const topic = `gridwatch/vehicles/${id}/position`;
      const inflight: Promise<unknown>[] = [];
      for (let i = 0; i < job.perVehicle; i++) {
        const lat = (40.7 + i * 1e-5).toFixed(6);
        const payload = `{"ts":${job.t0 + i * 1000},"lat":${lat},"lon":-74.05,"speed_kmh":7.5,"heading":0,"work":true}`;
        inflight.push(c.publishAsync(topic, payload, { qos: 1 }));
        if (inflight.length >= job.window) await inflight.shift();
      }
      await Promise.all(inflight);
    }),
  );
  send({ type: 'done', ms: performance.now() - t });
  await Promise.all(clients.map(([, c]) => c.endAsync()));
  process.exit(0);
}

run().catch((err: unknown) => {
  send({ type: 'error', message: String(err) });
  process.exit(1);
});
