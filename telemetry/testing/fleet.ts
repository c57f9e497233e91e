/** Test helper: a config with three vehicles and a subscriber account, and MQTT clients logging in as them. */
import mqtt, { type MqttClient } from 'mqtt';

export const FLEET = [
  { id: 'S-4', type: 'sweeper', password: 'pass-S-4-secret' },
  { id: 'S-12', type: 'sweeper', password: 'pass-S-12-secret' },
  { id: 'P-1', type: 'garbage-truck', password: 'pass-P-1-secret' },
] as const;

export const DASHBOARD = { username: 'dashboard', password: 'dashboard-secret' } as const;

export function passwordOf(id: string): string {
  const v = FLEET.find((x) => x.id === id);
  if (!v) throw new Error(`no test vehicle ${id}`);
  return v.password;
}

/** A vehicle's connection (MQTT 3.1.1, last will "offline" retained on its status topic). */
export function vehicleClient(url: string, id: string, extra: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(
    url,
    {
      protocolVersion: 4,
      clientId: `test-${id}-${Math.random().toString(36).slice(2, 8)}`,
      username: id,
      password: passwordOf(id),
      will: { topic: `gridwatch/vehicles/${id}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
      ...extra,
    },
    false,
  );
}

export function fixPayload(ts: number, i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ts, lat: Number((40.7 + i * 1e-5).toFixed(7)), lon: -74.05, ...extra });
}
