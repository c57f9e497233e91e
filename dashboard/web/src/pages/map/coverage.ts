/** Assigned streets coloured by coverage (GET /api/plans/:id/coverage): covered green, missed red. */
import type { FeatureCollection } from 'geojson';
import { api } from '../../lib/api.ts';
import { configStore } from '../../lib/config.ts';

type Coverage = FeatureCollection & { properties?: { windows?: readonly string[] } };

async function planCoverage(plan: string): Promise<FeatureCollection | undefined> {
  const get = (window: string): Promise<Coverage> =>
    api.get<Coverage>(`/api/plans/${encodeURIComponent(plan)}/coverage?window=${window}`);
  try {
    const current = await get('current');
    return current.properties?.windows?.length ? current : await get('last');
  } catch {
    return undefined;
  }
}

/** Every plan's assigned segments in its window in progress, or its last finished one when none is. */
export async function loadCoverage(): Promise<FeatureCollection[]> {
  const all = await Promise.all((configStore.get()?.plans ?? []).map((p) => planCoverage(p.id)));
  return all.filter((fc): fc is FeatureCollection => !!fc);
}

export function isCovered(props: Record<string, unknown> | null | undefined): boolean {
  return props?.status === 'covered';
}

export function coverageStyle(f?: GeoJSON.Feature): { color: string; weight: number; opacity: number } {
  return { color: isCovered(f?.properties) ? '#16a34a' : '#dc2626', weight: 5, opacity: 0.85 };
}
