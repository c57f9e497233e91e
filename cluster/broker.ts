/** How a node connects to the broker for the bridge: MQTT 5, a persistent session under a fixed client id. */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Config } from '../kernel/config/schema.ts';

export interface BrokerOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Names the persistent session: one per node, the same across its restarts. */
  readonly clientId: string;
  readonly sessionExpirySeconds: number;
}

/** The bridge's broker from the config's external MQTT (the same broker the vehicles use). */
export function brokerOf(config: Config, nodeId: string): BrokerOptions {
  const m = config.mqtt;
  if (m.mode !== 'url') throw new Error('the cluster bridge needs mqtt.mode "url" (an external broker)');
  return {
    url: m.url,
    ...(m.username !== undefined ? { username: m.username } : {}),
    ...(m.password !== undefined ? { password: m.password } : {}),
    clientId: `gridwatch-node-${nodeId}`,
    sessionExpirySeconds: m.sessionExpirySeconds,
  };
}

export function mqttOptions(o: BrokerOptions, extra: Partial<IClientOptions> = {}): IClientOptions {
  return {
    clientId: o.clientId,
    ...(o.username !== undefined ? { username: o.username } : {}),
    ...(o.password !== undefined ? { password: o.password } : {}),
    protocolVersion: 5,
    clean: false,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    properties: { sessionExpiryInterval: o.sessionExpirySeconds },
    ...extra,
  };
}

/** Disconnect: waits up to `waitMs` for messages in flight to be acknowledged, then closes anyway. */
export async function disconnect(client: MqttClient, waitMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  const done = await Promise.race([client.endAsync().then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (done === 'late') await client.endAsync(true);
}
