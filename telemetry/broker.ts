/** The embedded MQTT broker (aedes, MQTT 3.1.1) as a component. */
import { Aedes } from 'aedes';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Component } from '../kernel/component.ts';
import type { Logger } from '../kernel/log.ts';
import type { ComponentHealth } from '../kernel/types/index.ts';

export interface BrokerOptions {
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
}

export class EmbeddedBroker implements Component {
  readonly name = 'mqtt';
  private aedes?: Aedes;
  private server?: Server;
  private error?: string;

  constructor(private readonly opts: BrokerOptions) {}

  /** The TCP port actually bound (useful with port 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.opts.port;
  }

  async start(): Promise<void> {
    const aedes = await Aedes.createBroker({});
    this.aedes = aedes;
    const server = createServer(aedes.handle);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => {
      this.error = err.message;
      this.opts.log.error({ err }, 'mqtt server error');
    });
    this.opts.log.info({ host: this.opts.host, port: this.port }, 'embedded MQTT broker listening');
  }

  async stop(): Promise<void> {
    const { server, aedes } = this;
    if (server) await new Promise<void>((r) => server.close(() => r()));
    if (aedes) await new Promise<void>((r) => aedes.close(() => r()));
  }

  health(): ComponentHealth {
    if (!this.server?.listening) return { state: 'down', detail: this.error ?? 'not listening' };
    return { state: 'ok', detail: `embedded aedes on port ${this.port}`, stats: { clients: this.aedes?.connectedClients ?? 0 } };
  }
}
