/**
 * Stage 5 of the camera pipeline, a frame tap: collects the windows of frames that 核查 re-checks wait for
 * (recheck.ts). Frames the rules refused as malformed are not handed to a re-check either.
 */
import type { SceneFrame, SceneStage } from '../camera-stages.ts';
import { checkFrame } from './stage.ts';

type Waiter = (scene: SceneFrame) => void;

export class RecheckFrames implements SceneStage {
  readonly name = 'recheck-frames';
  private readonly waiters = new Map<string, Set<Waiter>>();

  observe(scene: SceneFrame): void {
    const waiting = this.waiters.get(scene.frame.cameraId);
    if (!waiting || waiting.size === 0) return;
    checkFrame(scene.frame);
    for (const w of waiting) w(scene);
  }

  /**
   * The camera's next analysed frames: at least `minFrames` spanning at least `minMs`. Rejects after `timeoutMs` with
   * none; resolves with what arrived if some did.
   */
  nextFrames(
    cameraId: string,
    minFrames: number,
    minMs: number,
    timeoutMs: number,
    accept: (scene: SceneFrame) => boolean = () => true,
  ): Promise<SceneFrame[]> {
    return new Promise((resolve, reject) => {
      const got: SceneFrame[] = [];
      const set = this.waiters.get(cameraId) ?? new Set<Waiter>();
      this.waiters.set(cameraId, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(waiter);
        if (got.length > 0) resolve(got);
        else reject(new Error(`camera "${cameraId}" delivered no frame within ${Math.round(timeoutMs / 1000)} s`));
      };
      const waiter: Waiter = (scene) => {
        if (!accept(scene)) return;
        got.push(scene);
        if (got.length >= minFrames && scene.now - got[0]!.now >= minMs) done();
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(waiter);
    });
  }
}
