/**
 * How a demo fleet (mqtt.replay, mqtt.simulate) reaches the broker as its vehicles: the broker's address and each
 * vehicle's login. Vehicles log in with their configured password; with the embedded broker, gridwatch's internal
 * credential stands in for vehicles without one.
 */
import type { AppContext } from '../kernel/context.ts';
import { InputError } from '../kernel/errors.ts';
import type { EmbeddedBroker } from './broker.ts';

export class FleetLogin {
  constructor(
    private readonly ctx: AppContext,
    /** The config key the fleet comes from, named in errors ("mqtt.replay"). */
    private readonly source: string,
    private readonly broker?: EmbeddedBroker,
  ) {}

  url(): string {
    const m = this.ctx.config.mqtt;
    if (m.mode === 'url') return m.url;
    const host = m.host === '0.0.0.0' || m.host === '::' ? '127.0.0.1' : m.host;
    return `mqtt://${host}:${this.broker?.port ?? m.port}`;
  }

  credentials(vehicleId: string): { username: string; password: string } {
    const v = this.ctx.config.vehicles.find((x) => x.id === vehicleId);
    if (v?.password) return { username: v.id, password: v.password };
    if (this.broker) return this.broker.internalCredential;
    throw new InputError(`${this.source}: vehicle "${vehicleId}" has no password to log in to ${this.url()} with`);
  }
}
