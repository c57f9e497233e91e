/**
 * One source, one zone, one rule, for a while: what `gridwatch watch` runs. The same components as the server
 * (CameraManager → DetectPipeline → scene rules with evidence), without HTTP, MQTT or cases.
 */
import type { HitEvent } from '../../kernel/bus.ts';
import type { AppContext } from '../../kernel/context.ts';
import { CameraManager } from '../../ingest/manager.ts';
import { DetectPipeline } from '../service.ts';
import { RulesModule } from './module.ts';

/** The app context, less its start time (taken when the session is made). */
export type WatchSessionOptions = Omit<AppContext, 'startedAt'>;

export class WatchSession {
  readonly rules: RulesModule;
  private readonly detect: DetectPipeline;
  private readonly cameras: CameraManager;
  frames = 0;

  constructor(private readonly opts: WatchSessionOptions) {
    const ctx: AppContext = { ...opts, startedAt: opts.clock.now() };
    this.rules = new RulesModule(ctx, { clips: () => this.cameras });
    this.detect = new DetectPipeline(ctx, { scene: this.rules.stages });
    this.cameras = new CameraManager(ctx, {
      onFrame: (f) => {
        this.frames++;
        this.detect.push(f);
      },
    });
  }

  onHit(handler: (e: HitEvent) => void): () => void {
    return this.opts.bus.on('hit', handler);
  }

  async start(): Promise<void> {
    await this.rules.start();
    await this.detect.start();
    await this.cameras.start();
  }

  /** Camera status line for diagnostics. */
  cameraError(): string | undefined {
    return this.cameras.statuses().find((s) => s.error)?.error;
  }

  async stop(): Promise<void> {
    await this.cameras.stop();
    await this.detect.stop();
    await this.rules.stop();
  }
}
