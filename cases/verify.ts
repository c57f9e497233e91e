/**
 * Verification by camera (核查): when a unit reports a camera case handled, the injected Rechecker looks at the spot.
 * Clear → verified and closed with the before/after pair attached; still there → rework with the fresh evidence.
 * Without a Rechecker, or when it fails, the case waits for an operator to verify by hand.
 */
import type { EventBus } from '../kernel/bus.ts';
import { errorMessage } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';
import type { Case, CaseEvent, Evidence, Rechecker } from '../kernel/types/index.ts';
import { SYSTEM, type CaseService } from './service.ts';

export class CameraVerifier {
  private readonly inFlight = new Map<string, Promise<void>>();
  rechecker?: Rechecker;

  constructor(
    private readonly service: CaseService,
    private readonly log: Logger,
  ) {}

  /** Listen for cases reported handled. Returns the unsubscribe function. */
  listen(bus: EventBus): () => void {
    return bus.on('case', (e: CaseEvent) => {
      if (e.type === 'transition' && e.to === 'handled') this.schedule(e.case);
    });
  }

  /** Re-check every handled camera case (after a restart nothing waits forever). */
  sweep(cases: readonly Case[]): void {
    for (const c of cases) if (c.status === 'handled') this.schedule(c);
  }

  /** Resolves when every re-check started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  private schedule(c: Case): void {
    if (!this.rechecker || c.cameraId === undefined || c.zoneId === undefined || this.inFlight.has(c.id)) return;
    const off =
      this.service.catalog.category(c.category)?.verifyByCamera === false
        ? `category ${c.category}`
        : this.rechecker.enabled?.(c.cameraId, c.zoneId) === false
          ? `zone ${c.zoneId}`
          : undefined;
    if (off) {
      this.service.note(c.id, `camera re-check is off for ${off}: verify by hand (核查结案 or 返工)`, SYSTEM);
      return;
    }
    const p = this.verify(c, this.rechecker).finally(() => this.inFlight.delete(c.id));
    this.inFlight.set(c.id, p);
  }

  private async verify(c: Case, rechecker: Rechecker): Promise<void> {
    const hitRef = c.sourceRefs.find((r) => r.startsWith('hit:'));
    try {
      const res = await rechecker.recheck({
        cameraId: c.cameraId!,
        zoneId: c.zoneId!,
        ...(hitRef ? { hitId: hitRef.slice(4) } : {}),
      });
      const pair = [res.before, res.after].filter((e): e is Evidence => e !== undefined);
      this.service.transaction(() => {
        const now = this.service.get(c.id);
        if (now?.status !== 'handled') return; // someone verified by hand meanwhile
        const label = res.clear
          ? 'camera re-check: clear (before/after attached)'
          : `camera re-check: still present (${res.detail})`;
        if (pair.length > 0) this.service.attach(c.id, { evidence: pair, note: label }, SYSTEM);
        const out = res.clear
          ? this.service.act(c.id, { action: 'verify', reason: `camera re-check clear: ${res.detail}` }, SYSTEM)
          : this.service.act(
              c.id,
              { action: 'rework', reason: `camera re-check: problem still present: ${res.detail}` },
              SYSTEM,
            );
        if (!out.ok) throw new Error(out.message);
      });
    } catch (err) {
      this.log.warn({ err, case: c.id }, 'camera re-check failed; the case waits for manual verification');
      this.service.note(c.id, `camera re-check failed (${errorMessage(err)}): verify by hand`, SYSTEM);
    }
  }
}
