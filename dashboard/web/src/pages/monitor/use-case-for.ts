/** The case a hit or violation opened (or merged into): looked up by its source reference, again on case events. */
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../../lib/api.ts';
import { useLive } from '../../lib/live.ts';
import type { Alert, Case } from '../../lib/types.ts';

interface CasePage {
  readonly items: readonly Case[];
}

export function useCaseFor(alert: Alert): Case | undefined {
  // Cases keep their sources as "hit:<id>" / "violation:<id>": the same as these alerts' ids.
  const ref = alert.kind === 'hit' || alert.kind === 'violation' ? alert.id : undefined;
  const [found, setFound] = useState<Case>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!ref || found) return;
    const q = alert.cameraId ? { camera: alert.cameraId } : { source: 'vehicle' };
    api.get<CasePage>(`/api/cases${query({ ...q, pageSize: 200 })}`).then(
      (page) => setFound(page.items.find((c) => c.sourceRefs.includes(ref))),
      () => undefined,
    );
  }, [ref, tick, found]);
  useLive<{ case: Case }>('case', (e) => {
    if (ref && e.case.sourceRefs.includes(ref)) setFound(e.case);
    else if (!found) setTick((n) => n + 1);
  });
  return found;
}
