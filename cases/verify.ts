/**
 * Verification by camera (核查): when a unit reports a camera case handled, the injected Rechecker looks at the spot.
 * Clear → verified and closed with the before/after pair attached; still there → rework with the fresh evidence.
 * Without a Rechecker, or when it fails, the case waits for an operator to verify by hand.
 */
import type { EventBus } from '../kernel/bus.ts';
import { msg, ref } from '../kernel/messages/text.ts';
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
        ? msg('cases.recheck.offCategory', { category: ref('category', c.category) })
        : this.rechecker.enabled?.(c.cameraId, c.zoneId) === false
          ? msg('cases.recheck.offZone', { zone: ref('zone', c.zoneId) })
          : undefined;
    if (off) {
      this.service.note(c.id, off, SYSTEM);
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
        const detail = res.text ?? res.detail;
        const label = res.clear ? msg('cases.recheck.clearLabel') : msg('cases.recheck.presentLabel', { detail });
        if (pair.length > 0) this.service.attach(c.id, { evidence: pair, note: label }, SYSTEM);
        const out = res.clear
          ? this.service.act(c.id, { action: 'verify', text: msg('cases.recheck.clear', { detail }) }, SYSTEM)
          : this.service.act(c.id, { action: 'rework', text: msg('cases.recheck.present', { detail }) }, SYSTEM);
        if (!out.ok) throw new Error(out.message);
      });
    } catch (err) {
      this.log.warn({ err, case: c.id }, 'camera re-check failed; the case waits for manual verification');
      this.service.note(c.id, msg('cases.recheck.failed'), SYSTEM);
    }
  }
}
