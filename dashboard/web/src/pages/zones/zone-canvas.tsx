/**
 * Drawing on a camera snapshot: zones as polygons in relative coordinates; the selected zone's corners can be dragged;
 * in draw mode each click adds a corner to the new zone.
 */
import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { SuppressionMask } from '../../lib/types.ts';
import type { EditZone } from './zone-model.ts';

type Pt = [number, number];

const clamp = (v: number): number => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));

export function ZoneCanvas(props: {
  image: string;
  zones: readonly EditZone[];
  selected?: number;
  drawing?: readonly Pt[];
  /** False-alarm masks in force, drawn hatched over the picture. */
  masks?: readonly SuppressionMask[];
  onSelect: (i: number) => void;
  onAddPoint: (p: Pt) => void;
  onMovePoint: (zone: number, corner: number, p: Pt) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ zone: number; corner: number }>();
  const rel = (e: MouseEvent): Pt => {
    const r = svg.current!.getBoundingClientRect();
    return [clamp((e.clientX - r.left) / r.width), clamp((e.clientY - r.top) / r.height)];
  };
  return (
    <div class="zone-canvas">
      <img src={props.image} alt="" draggable={false} />
      <svg
        ref={svg}
        viewBox="0 0 1 1"
        preserveAspectRatio="none"
        class={props.drawing ? 'drawing' : ''}
        data-testid="zone-canvas"
        aria-label={t('zones.canvas')}
        onMouseDown={(e) => props.drawing && props.onAddPoint(rel(e))}
        onMouseMove={(e) => drag && props.onMovePoint(drag.zone, drag.corner, rel(e))}
        onMouseUp={() => setDrag(undefined)}
        onMouseLeave={() => setDrag(undefined)}
      >
        {props.zones.map((z, i) => (
          <g key={i} class={`zone zone-${z.kind} ${i === props.selected ? 'selected' : ''}`}>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer drawing; the zone list has keys */}
            <polygon
              points={z.polygon.map((p) => p.join(',')).join(' ')}
              vector-effect="non-scaling-stroke"
              onMouseDown={(e) => {
                if (props.drawing) return;
                e.stopPropagation();
                props.onSelect(i);
              }}
            />
          </g>
        ))}
        {props.selected !== undefined &&
          props.zones[props.selected]?.polygon.map(([x, y], j) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: pointer drag; the form edits by keyboard
            <ellipse
              key={j}
              class="corner"
              cx={x}
              cy={y}
              rx={0.012}
              ry={0.018}
              onMouseDown={(e) => {
                e.stopPropagation();
                setDrag({ zone: props.selected!, corner: j });
              }}
            />
          ))}
        {props.masks?.map((m) => (
          <rect
            key={m.id}
            class="mask"
            data-mask={m.id}
            x={m.region.x1}
            y={m.region.y1}
            width={m.region.x2 - m.region.x1}
            height={m.region.y2 - m.region.y1}
            vector-effect="non-scaling-stroke"
          />
        ))}
        {props.drawing && props.drawing.length > 0 && (
          <polyline
            class="draft"
            points={props.drawing.map((p) => p.join(',')).join(' ')}
            vector-effect="non-scaling-stroke"
          />
        )}
      </svg>
    </div>
  );
}
