/**
 * How a camera tile shows its picture: in the camera's own aspect ratio (read from the picture itself, 16:9 until
 * then), never stretched, so the zones drawn over it in relative coordinates sit where they belong; and whether it is
 * live video (playing) or a snapshot (no relay, the stream failed, or not playing yet).
 */
export type TileMode = 'live' | 'snapshot';

export function tileMode(s: { hasLive: boolean; videoFailed: boolean; playing: boolean }): TileMode {
  return s.hasLive && !s.videoFailed && s.playing ? 'live' : 'snapshot';
}

/** Width ÷ height of a picture; undefined for a picture with no size (not loaded, broken). */
export function aspectOf(width: number, height: number): number | undefined {
  return width > 0 && height > 0 ? width / height : undefined;
}

export const DEFAULT_ASPECT = 16 / 9;

/** The media box: the camera's ratio; a large tile at most 60 % of the screen height, narrowed to keep the ratio. */
export function mediaStyle(aspect: number | undefined, big: boolean): Record<string, string> {
  const r = aspect ?? DEFAULT_ASPECT;
  const ratio = `${Math.round(r * 10_000) / 10_000}`;
  return big ? { aspectRatio: ratio, width: `min(100%, calc(60vh * ${ratio}))` } : { aspectRatio: ratio };
}
