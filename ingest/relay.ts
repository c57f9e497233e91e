/**
 * On-demand live relays: while at least one viewer plays a camera, one ffmpeg copies the camera into the media
 * server (`-c copy … -f flv rtmp://…`); it stops a little after the last viewer leaves. Not node-media-server's own
 * RTSP relay, which corrupts multi-slice H.264.
 */
import ffmpeg from 'fluent-ffmpeg';
import type { Logger } from '../kernel/log.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { relayOptions } from './ffmpeg-args.ts';
import { explainFailure } from './ffmpeg-log.ts';
import { terminate } from './ffmpeg-stream.ts';
import { redactUrl } from '../kernel/log.ts';
import type { SourceSpec } from './source.ts';

export interface RelaySource {
  readonly cameraId: string;
  readonly spec: SourceSpec;
  /** "/live/<name>" it is published as. */
  readonly streamPath: string;
}

export interface RelayOptions {
  readonly log: Logger;
  /** Signed rtmp:// URL to publish `streamPath` to. */
  readonly publishUrl: (streamPath: string) => string;
  /** How long a relay outlives its last viewer, ms (a page reload should not restart it). */
  readonly lingerMs?: number;
}

interface Relay {
  readonly source: RelaySource;
  readonly viewers: Set<string>;
  cmd?: ffmpeg.FfmpegCommand;
  timer?: NodeJS.Timeout;
  attempts: number;
  starts: number;
}

export class LiveRelays {
  private readonly relays = new Map<string, Relay>();
  private readonly viewerOf = new Map<string, string>();

  constructor(private readonly opts: RelayOptions) {}

  viewerJoined(source: RelaySource, sessionId: string): void {
    let relay = this.relays.get(source.cameraId);
    if (!relay) {
      relay = { source, viewers: new Set(), attempts: 0, starts: 0 };
      this.relays.set(source.cameraId, relay);
    }
    relay.viewers.add(sessionId);
    this.viewerOf.set(sessionId, source.cameraId);
    clearTimeout(relay.timer);
    relay.timer = undefined;
    if (!relay.cmd) this.launch(relay);
  }

  viewerLeft(sessionId: string): void {
    const cameraId = this.viewerOf.get(sessionId);
    this.viewerOf.delete(sessionId);
    const relay = cameraId === undefined ? undefined : this.relays.get(cameraId);
    if (!relay) return;
    relay.viewers.delete(sessionId);
    if (relay.viewers.size > 0) return;
    clearTimeout(relay.timer);
    relay.timer = setTimeout(() => this.end(relay), this.opts.lingerMs ?? 5000);
  }

  /** Cameras whose relay process is running now, with how many times each was started. */
  running(): { readonly cameraId: string; readonly viewers: number; readonly starts: number }[] {
    return [...this.relays.values()]
      .filter((r) => r.cmd)
      .map((r) => ({ cameraId: r.source.cameraId, viewers: r.viewers.size, starts: r.starts }));
  }

  stopAll(): void {
    for (const relay of [...this.relays.values()]) this.end(relay);
    this.viewerOf.clear();
  }

  private end(relay: Relay): void {
    clearTimeout(relay.timer);
    const cmd = relay.cmd;
    relay.cmd = undefined;
    this.relays.delete(relay.source.cameraId);
    if (cmd) terminate(cmd);
    if (cmd) this.opts.log.info({ camera: relay.source.cameraId }, 'live relay stopped (no viewers)');
  }

  private launch(relay: Relay): void {
    const { input, output } = relayOptions(relay.source.spec);
    const lines: string[] = [];
    const cmd = ffmpeg(relay.source.spec.input)
      .inputOptions(input)
      .output(this.opts.publishUrl(relay.source.streamPath))
      .outputOptions(output);
    relay.cmd = cmd;
    relay.starts += 1;
    const startedAt = Date.now();
    const exited = (error: string): void => {
      if (relay.cmd !== cmd) return; // stopped on purpose
      relay.cmd = undefined;
      if (relay.viewers.size === 0) return;
      if (Date.now() - startedAt > 30_000) relay.attempts = 0; // it had been working: retry soon
      const delay = backoffDelay(relay.attempts++, defaultBackoff);
      this.opts.log.warn({ camera: relay.source.cameraId, error, retryInMs: delay }, 'live relay ended; restarting');
      relay.timer = setTimeout(() => {
        if (relay.viewers.size > 0 && !relay.cmd && this.relays.get(relay.source.cameraId) === relay)
          this.launch(relay);
      }, delay);
    };
    cmd
      .on('stderr', (l: string) => {
        lines.push(l);
        if (lines.length > 20) lines.shift();
      })
      .on('error', (err: Error) => exited(explainFailure(lines) ?? redactUrl(err.message)))
      .on('end', () => exited('relay source ended'));
    cmd.run();
    this.opts.log.info({ camera: relay.source.cameraId, source: relay.source.spec.display }, 'live relay started');
  }
}
