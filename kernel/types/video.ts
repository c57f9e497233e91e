/** Stage vocabulary of the camera pipeline: Frame → Detection → Track → Hit. All readonly. */

/** Where a PTZ camera looks: at a preset (token), moving, or unknown (position not read). */
export interface CameraView {
  /** The preset the camera is at (its token), when it is at one. */
  readonly preset?: string;
  /** Its name, as the camera calls it (zones may name a preset either way). */
  readonly presetName?: string;
  readonly moving: boolean;
  /** The position could not be read (ONVIF error): zones bound to a preset are not watched. */
  readonly unknown?: boolean;
}

/** One decoded picture from a camera, packed RGB24 (3 bytes per pixel, row-major). */
export interface Frame {
  readonly cameraId: string;
  /** Capture time, epoch milliseconds. */
  readonly ts: number;
  /** Monotonic frame counter per camera process. */
  readonly seq: number;
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
  /** PTZ cameras: where the camera looked when the frame was taken. */
  readonly view?: CameraView;
}

/** Axis-aligned box in pixels of the frame it was found in. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Concepts the rules reason about, mapped from model class names by the model manifest. */
export type Concept = 'person' | 'stall-like' | 'vehicle' | 'litter-like' | 'bag-like' | 'animal';

export interface Detection {
  readonly label: string;
  readonly classId: number;
  readonly score: number;
  readonly box: Box;
  readonly concepts: readonly Concept[];
}

/** An object followed over time on one camera. */
export interface Track {
  readonly id: number;
  readonly cameraId: string;
  /** Label winning the vote over the track's history. */
  readonly label: string;
  readonly concepts: readonly Concept[];
  readonly box: Box;
  /** Median of the recent score history. */
  readonly score: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Frames since the last matched detection (0 when matched in this frame). */
  readonly missed: number;
  readonly stationary: boolean;
  /**
   * When the track stopped moving (the start of its still period), epoch ms; set once it has stayed put for
   * models.tracker.stationarySeconds, undefined while moving. Equals firstSeen for an object that never moved.
   */
  readonly stationarySince?: number;
}

/** Evidence file stored under the data directory, addressed by content hash. */
export interface Evidence {
  readonly kind: 'snapshot' | 'annotated' | 'clip' | 'track' | 'photo';
  /** Path relative to the evidence directory. */
  readonly path: string;
  readonly sha256: string;
  readonly mime: string;
  readonly ts: number;
  /** A photo's capture time as the phone reported it (ts is when it reached the server). */
  readonly takenAt?: number;
  /** Where a photo was taken, when the phone's browser was allowed to tell (WGS-84, accuracy in metres). */
  readonly position?: { readonly lat: number; readonly lon: number; readonly accuracyM?: number };
}

export type RuleKind = 'vending' | 'litter';

/** A scene-rule finding: one ongoing problem at one place is one hit. */
export interface Hit {
  readonly id: string;
  readonly rule: RuleKind;
  /** Case category code, e.g. "05-04". */
  readonly category: string;
  readonly cameraId: string;
  readonly zoneId: string;
  readonly gridCell?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly start: number;
  readonly lastSeen: number;
  readonly end?: number;
  /** 1 for the first occurrence at this spot today, 2 for the first repeat, … */
  readonly repeat: number;
  /** Region of the finding in relative image coordinates (0..1). */
  readonly region: Box;
  readonly boxes: readonly { readonly label: string; readonly score: number; readonly box: Box }[];
  readonly evidence: readonly Evidence[];
  /**
   * Set while the hit overlaps an operator's false-alarm mask (same zone and rule): it is kept, shown and counted,
   * but opens no case. Cleared (in an `update`) when the mask is lifted or expires while the hit goes on.
   */
  readonly suppressed?: { readonly maskId: string; readonly until: number };
}
