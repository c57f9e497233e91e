/** Just enough of node-media-server 4.4.3 (ships no .d.ts; @types/node-media-server describes v2). */
declare module 'node-media-server' {
  export interface NmsSession {
    readonly id: string;
    /** "address:port" of the peer; "" for the server's internal sessions. */
    readonly ip: string;
    readonly protocol: string;
    readonly streamPath: string;
    readonly streamApp: string;
    readonly streamName: string;
    /** The URL's query; gridwatch's gate (media-gate.ts) sets or removes `sign` in it before the check. */
    readonly streamQuery: Record<string, string | string[] | undefined> | undefined;
  }

  export interface NmsConfig {
    bind?: string;
    rtmp?: { port?: number };
    http?: { port?: number };
    auth?: { play?: boolean; publish?: boolean; secret?: string };
    store?: { path?: string; maxHistory?: number };
    webadmin?: { enable?: boolean };
    record?: { path?: string; auto?: boolean };
    notify?: { url?: string };
  }

  export type NmsEvent = 'prePlay' | 'postPlay' | 'donePlay' | 'prePublish' | 'postPublish' | 'donePublish';

  export default class NodeMediaServer {
    constructor(config: NmsConfig, configPath?: string);
    /** Its listeners, created by the constructor and bound by run(). */
    readonly rtmpServer: { readonly tcpServer?: import('node:net').Server };
    readonly httpServer: { readonly httpServer?: import('node:net').Server };
    on(event: NmsEvent, listener: (session: NmsSession) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string; log(message: string, level?: string): void };
  export default logger;
}

declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';
  const Context: {
    eventEmitter: EventEmitter;
    broadcasts: Map<string, { readonly publisher: unknown; readonly subscribers: Map<string, unknown> }>;
  };
  export default Context;
}
