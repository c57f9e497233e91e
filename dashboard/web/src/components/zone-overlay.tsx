/** Zones drawn over a camera picture: an SVG in relative coordinates (0..1) stretched over the image, HTML labels. */
import type { ZoneConfig } from '../lib/types.ts';

type Zone = Pick<ZoneConfig, 'id' | 'name' | 'kind' | 'polygon'>;

export function ZoneOverlay({ zones, labels = true }: { zones: readonly Zone[]; labels?: boolean }) {
  return (
    <>
      <svg class="zone-overlay" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
        {zones.map((z) => (
          <g key={z.id} class={`zone zone-${z.kind}`}>
            <polygon points={z.polygon.map(([x, y]) => `${x},${y}`).join(' ')} vector-effect="non-scaling-stroke" />
          </g>
        ))}
      </svg>
      {labels &&
        zones.map((z) => (
          <span
            key={z.id}
            class={`zone-label zone-${z.kind}`}
            style={{
              left: `${Math.min(...z.polygon.map((p) => p[0])) * 100}%`,
              top: `${Math.min(...z.polygon.map((p) => p[1])) * 100}%`,
            }}
          >
            {z.name ?? z.id}
          </span>
        ))}
    </>
  );
}
