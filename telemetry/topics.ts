/** The MQTT topic scheme: PREFIX/vehicles/{vehicleId}/position and PREFIX/vehicles/{vehicleId}/status. */
import type { TopicInfo } from './types.ts';

const VEHICLE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class Topics {
  constructor(readonly prefix: string) {}

  position(vehicleId: string): string {
    return `${this.prefix}/vehicles/${vehicleId}/position`;
  }

  status(vehicleId: string): string {
    return `${this.prefix}/vehicles/${vehicleId}/status`;
  }

  /** Wildcard filters gridwatch subscribes to. */
  get allPositions(): string {
    return `${this.prefix}/vehicles/+/position`;
  }

  get allStatus(): string {
    return `${this.prefix}/vehicles/+/status`;
  }

  /** Everything under one vehicle (what its ACL allows it to publish to). */
  vehicleRoot(vehicleId: string): string {
    return `${this.prefix}/vehicles/${vehicleId}/`;
  }

  /** Parse a concrete topic; null when it is not a vehicle position/status topic or the id is not a valid id. */
  parse(topic: string): TopicInfo | null {
    const head = `${this.prefix}/vehicles/`;
    if (!topic.startsWith(head)) return null;
    const rest = topic.slice(head.length).split('/');
    if (rest.length !== 2) return null;
    const [vehicleId, kind] = rest as [string, string];
    if (!VEHICLE_ID.test(vehicleId)) return null;
    if (kind !== 'position' && kind !== 'status') return null;
    return { vehicleId, kind };
  }
}
