/**
 * Annotated images: boxes with labels and zone outlines drawn over a frame as one SVG overlay composited by sharp.
 * Text renders through librsvg with the system fonts (Noto CJK is installed, so zone names in Chinese work).
 */
import sharp from 'sharp';
import type { Box, Detection, Frame } from '../kernel/types/index.ts';

export interface BoxMark {
  readonly box: Box;
  readonly label: string;
  /** CSS colour; picked from the label when omitted. */
  readonly colour?: string;
}

export interface OutlineMark {
  /** Polygon points in frame pixels. */
  readonly points: readonly (readonly [number, number])[];
  readonly label?: string;
  readonly colour?: string;
}

export interface AnnotateOptions {
  readonly boxes?: readonly BoxMark[];
  readonly outlines?: readonly OutlineMark[];
  readonly format?: 'jpeg' | 'png';
  readonly quality?: number;
}

const palette = [
  '#e6194b',
  '#3cb44b',
  '#ffe119',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#bfef45',
  '#fabed4',
];

export function colourFor(label: string): string {
  let h = 0;
  for (const ch of label) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length] ?? '#ffe119';
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

/** Box marks for detections: "label 0.87". */
export function detectionMarks(detections: readonly Detection[]): BoxMark[] {
  return detections.map((d) => ({ box: d.box, label: `${d.label} ${d.score.toFixed(2)}` }));
}

function label(x: number, y: number, text: string, colour: string, size: number): string {
  const w = Math.ceil(text.length * size * 0.62) + 6;
  const top = Math.max(0, y - size - 4);
  return (
    `<rect x="${x}" y="${top}" width="${w}" height="${size + 4}" fill="${colour}" fill-opacity="0.85"/>` +
    `<text x="${x + 3}" y="${top + size}" font-family="Noto Sans CJK SC, DejaVu Sans, sans-serif" ` +
    `font-size="${size}" ` +
    `fill="#000">${escapeXml(text)}</text>`
  );
}

/** The SVG overlay for a width × height image. */
export function overlaySvg(width: number, height: number, opts: AnnotateOptions): string {
  const size = Math.max(12, Math.round(Math.min(width, height) / 40));
  const stroke = Math.max(2, Math.round(size / 6));
  const parts: string[] = [];
  for (const o of opts.outlines ?? []) {
    const c = o.colour ?? '#00e5ff';
    const pts = o.points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    parts.push(
      `<polygon points="${pts}" fill="${c}" fill-opacity="0.12" stroke="${c}" stroke-width="${stroke}" ` +
        `stroke-dasharray="${stroke * 4},${stroke * 2}"/>`,
    );
    const first = o.points[0];
    if (o.label && first) parts.push(label(first[0], first[1] + size + 4, o.label, c, size));
  }
  for (const b of opts.boxes ?? []) {
    const c = b.colour ?? colourFor(b.label.split(' ')[0] ?? b.label);
    const { x1, y1, x2, y2 } = b.box;
    parts.push(
      `<rect x="${x1.toFixed(1)}" y="${y1.toFixed(1)}" width="${(x2 - x1).toFixed(1)}" ` +
        `height="${(y2 - y1).toFixed(1)}" fill="none" stroke="${c}" stroke-width="${stroke}"/>`,
    );
    parts.push(label(Math.round(x1), Math.round(y1), b.label, c, size));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Draw the marks over a frame; returns JPEG (default) or PNG bytes. */
export async function annotateFrame(frame: Frame, opts: AnnotateOptions): Promise<Buffer> {
  const svg = Buffer.from(overlaySvg(frame.width, frame.height, opts));
  const img = sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } }).composite([
    { input: svg, top: 0, left: 0 },
  ]);
  return opts.format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: opts.quality ?? 85 }).toBuffer();
}
