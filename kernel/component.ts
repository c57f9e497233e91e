/** A long-lived part of the running system: started once, stopped once, asked for its health any time. */
import type { ComponentHealth } from './types/index.ts';

export interface Component {
  readonly name: string;
  start(): Promise<void>;
  /** Flush and release everything; must be safe to call once after start, even if start failed. */
  stop(): Promise<void>;
  health(): ComponentHealth;
}
