/**
 * gridwatch's subscribing MQTT client (mqtt.js). Against an external broker: MQTT 5, a persistent session
 * (clean start off, session expiry), QoS 1, and `$share/GROUP/…` filters when a shared group is set. Against the
 * embedded aedes (bench, tests): protocol 4 with the internal credential.
 * Back-pressure: while the pipeline has too much queued, the next message's PUBACK (and with it the reading of
 * the connection) waits, so the broker keeps the backlog instead of gridwatch's memory.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../kernel/log.ts';
import { redactUrl } from '../../kernel/log.ts';
import type { RawMessage } from '../types.ts';

export interface SubscriberOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly clientId: string;
  readonly protocolVersion: 4 | 5;
  readonly sessionExpirySeconds: number;
  readonly filters: readonly string[];
  readonly sharedGroup?: string;
  readonly onMessage: (msg: RawMessage) => void;
  /** A promise to wait on before taking the next message, or null to go on. */
  readonly backpressure: () => Promise<void> | null;
  readonly log: Logger;
}

export class MqttSubscriber {
  private client?: MqttClient;
  private counts = { connects: 0, messages: 0, errors: 0 };
  /** The broker has our subscriptions (SUBACK received, or a resumed session). */
  private subscribed = false;
  private lastError?: string;

  constructor(private readonly opts: SubscriberOptions) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  get filters(): string[] {
    const g = this.opts.sharedGroup;
    return this.opts.filters.map((f) => (g ? `$share/${g}/${f}` : f));
  }

  /** Connect and subscribe; resolves on the first connection or after `waitMs` (then it keeps retrying). */
  async start(waitMs = 5000): Promise<void> {
    const { opts } = this;
    const client = mqtt.connect(opts.url, {
      clientId: opts.clientId,
      username: opts.username,
      password: opts.password,
      protocolVersion: opts.protocolVersion,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(opts.protocolVersion === 5 ? { properties: { sessionExpiryInterval: opts.sessionExpirySeconds } } : {}),
    });
    this.client = client;
    client.handleMessage = (_packet, callback) => {
      const wait = opts.backpressure();
      if (wait !== null) void wait.then(() => callback());
      else callback();
    };
    client.on('message', (topic, payload) => {
      this.counts.messages++;
      opts.onMessage({ topic, payload, receivedAt: Date.now() });
    });
    client.on('connect', (connack) => {
      this.counts.connects++;
      opts.log.info(
        { url: redactUrl(opts.url), sessionPresent: connack.sessionPresent },
        'telemetry subscriber connected',
      );
      if (connack.sessionPresent) this.subscribed = true;
      else {
        client.subscribe(this.filters, { qos: 1 }, (err) => {
          if (err) this.fail(err);
          else this.subscribed = true;
        });
      }
    });
    client.on('error', (err) => this.fail(err));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private fail(err: Error): void {
    this.counts.errors++;
    this.lastError = err.message;
    this.opts.log.warn({ err: err.message, url: redactUrl(this.opts.url) }, 'telemetry subscriber error');
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync();
  }

  stats(): Record<string, number | string | boolean> {
    return {
      connected: this.connected,
      subscribed: this.subscribed,
      ...this.counts,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }
}
