/**
 * Telemetry's components for app.ts, in start order: pipeline + store, then the embedded broker and the JT/T 808
 * server (when `jt808` is configured), then the demo fleet (replayed traces) and the simulated fleet; `service` is
 * the first of them (its routes and stages are wired in app.ts).
 */
import type { Component } from '../kernel/component.ts';
import { connectionLimits } from '../kernel/config/net.ts';
import type { AppContext } from '../kernel/context.ts';
import { Acl } from './acl.ts';
import { EmbeddedBroker } from './broker.ts';
import { Jt808Server } from './jt808/server.ts';
import { DemoFleet } from './replay/fleet.ts';
import { SimFleet } from './sim/fleet.ts';
import { TelemetryService } from './service.ts';
import { Topics } from './topics.ts';

export function telemetryComponents(ctx: AppContext): { service: TelemetryService; components: Component[] } {
  const m = ctx.config.mqtt;
  const broker =
    m.mode === 'embedded'
      ? new EmbeddedBroker({
          host: m.host,
          port: m.port,
          ...(m.wsPort !== undefined ? { wsPort: m.wsPort } : {}),
          acl: new Acl(new Topics(m.topicPrefix), ctx.config.vehicles, m.subscribers),
          log: ctx.log,
          maxPayloadBytes: m.maxPayloadBytes,
          connections: connectionLimits(m.connections),
        })
      : undefined;
  const service = new TelemetryService(ctx, broker);
  const j = ctx.config.jt808;
  const components = [
    service,
    ...(broker ? [broker] : []),
    ...(j?.enabled ? [new Jt808Server(ctx, j, service)] : []),
    ...(m.replay ? [new DemoFleet(ctx, broker)] : []),
    ...(m.simulate ? [new SimFleet(ctx, broker)] : []),
  ];
  return { service, components };
}
