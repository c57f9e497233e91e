/**
 * PTZ cameras on patrol: is a zone in view in this frame? A zone drawn on a preset's picture is watched only while
 * the camera stands at that preset; every zone of the camera pauses while it moves. Frames of fixed cameras carry no
 * view, and their zones are always in view.
 */
import type { CameraView } from '../../kernel/types/index.ts';

export function zoneInView(preset: string | undefined, view: CameraView | undefined): boolean {
  if (!view) return preset === undefined;
  if (view.moving) return false;
  if (preset === undefined) return true;
  if (view.unknown) return false;
  return view.preset === preset || view.presetName === preset;
}
