/**
 * The system benchmark's configuration: N real RTSP cameras with the demo's rules on each (a litter zone and a
 * vending zone covering the whole frame), keyframe analysis, automatic cases on, as `startApp` takes it.
 */
import { TEST_CASES_CONFIG, TEST_USERS } from '../../dashboard/testing.ts';
import type { LoadedConfig } from '../../kernel/config/load.ts';
import { testConfig } from '../../kernel/testing.ts';

const WHOLE_FRAME = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

export interface SystemSetup {
  readonly cameras: number;
  /** rtsp URL of camera i (from 1): the main stream. */
  readonly main: (i: number) => string;
  /** rtsp URL of camera i's sub stream (the detector's input), when the step uses one. */
  readonly sub?: (i: number) => string;
  /** Keyframes per second each camera sends (1 / GOP seconds). */
  readonly keyframeRate: number;
  /** Analysis width (the model's, 416, unless a step says otherwise). */
  readonly width: number;
}

export function systemConfig(s: SystemSetup): LoadedConfig {
  const cameras = Array.from({ length: s.cameras }, (_, k) => {
    const i = k + 1;
    return {
      id: `cam${i}`,
      name: `压测相机 ${i}`,
      source: s.main(i),
      fps: s.keyframeRate,
      keyframesOnly: true,
      record: false,
      stallSeconds: 30,
      ...(s.sub ? { detect: { url: s.sub(i), width: s.width } } : { width: s.width }),
    };
  });
  const zones = cameras.flatMap((c) => [
    {
      id: `${c.id}-litter`,
      camera: c.id,
      name: '垃圾巡查区',
      kind: 'litter-watch',
      polygon: WHOLE_FRAME,
      category: '01-02',
    },
    {
      id: `${c.id}-vending`,
      camera: c.id,
      name: '禁止占道经营',
      kind: 'no-vending',
      polygon: WHOLE_FRAME,
      category: '05-04',
    },
  ]);
  return testConfig({
    users: TEST_USERS,
    cases: TEST_CASES_CONFIG,
    cameras,
    zones,
    models: { workers: 2, threadsPerWorker: 1 },
  });
}
