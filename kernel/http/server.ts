/** The HTTP server component: hono on @hono/node-server. Routes come from createApi. */
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ApiEnv } from '../types/user.ts';
import type { AddressInfo } from 'node:net';
import type { Component } from '../component.ts';
import type { Logger } from '../log.ts';
import type { ComponentHealth } from '../types/index.ts';

export class HttpServer implements Component {
  readonly name = 'http';
  private server?: ServerType;

  constructor(
    readonly app: Hono<ApiEnv>,
    private readonly opts: {
      host: string;
      port: number;
      log: Logger;
      /** Slow clients: headers within this many ms of connecting, the whole request within requestTimeoutMs. */
      headersTimeoutMs?: number;
      requestTimeoutMs?: number;
    },
  ) {}

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.opts.port;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const { host, port, headersTimeoutMs = 10_000, requestTimeoutMs = 120_000 } = this.opts;
      const serverOptions = {
        headersTimeout: headersTimeoutMs,
        requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
        // how often node checks those two timeouts (default 30 s: a slowloris would hold on that much longer)
        connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
        keepAliveTimeout: 5000,
      };
      const server = serve({ fetch: this.app.fetch, hostname: host, port, serverOptions }, () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    this.opts.log.info({ url: `http://${this.opts.host}:${this.port}` }, 'HTTP server listening');
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  }

  health(): ComponentHealth {
    return this.server?.listening
      ? { state: 'ok', detail: `port ${this.port}` }
      : { state: 'down', detail: 'not listening' };
  }
}
