import { z } from 'zod';
import { checkPresets, ptzSchema } from './ptz.ts';
import { cameraRecordField } from './recording.ts';
import { categoryCode, id, latLon, timeWindow, timezone, type Problem } from './common.ts';

const relPoint = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .describe('[x, y] in relative image coordinates 0..1.');

export const zoneSchema = z
  .strictObject({
    id: id.describe('Zone id, unique across all cameras.'),
    camera: id.describe('Id of the camera the zone belongs to.'),
    name: z.string().optional().describe('Name shown to operators, e.g. "人民路东侧人行道".'),
    kind: z.enum(['no-vending', 'litter-watch']).describe('What the zone watches for.'),
    polygon: z
      .array(relPoint)
      .min(3, 'needs at least 3 points')
      .describe('Zone outline in relative image coordinates.'),
    concepts: z
      .array(z.enum(['person', 'stall-like', 'vehicle', 'litter-like', 'bag-like', 'animal']))
      .optional()
      .describe(
        'Concepts the zone watches; defaults: no-vending → stall-like + person, litter-watch → litter-like + bag-like.',
      ),
    category: categoryCode
      .optional()
      .describe('Case category a hit opens; defaults: no-vending → 05-04, litter-watch → 01-02.'),
    dwellSeconds: z
      .number()
      .min(1)
      .max(86400)
      .optional()
      .describe('How long a finding must persist before it is a hit; default 300 s (vending), 600 s (litter).'),
    clearSeconds: z
      .number()
      .min(1)
      .max(86400)
      .optional()
      .describe('How long a finding must be gone before its hit ends; default 120 s.'),
    staticStalls: z
      .boolean()
      .optional()
      .describe(
        'no-vending: also take a static object (something that arrived and stays, not a vehicle, ≥ 40 grey pixels)' +
          ' with a confident person beside it as a stall, from a background model of the zone (costs ~1 ms a frame).' +
          ' Default false: stall-like detections with people staying at them only.',
      ),
    attended: z
      .enum(['wait', 'dwell'])
      .optional()
      .describe(
        'litter-watch: an object left with a person still beside it (attended) — wait: no hit until they leave' +
          ' (default); dwell: the dwell counts with them beside it.',
      ),
    allowed: z
      .array(timeWindow)
      .optional()
      .describe('Windows when the activity is allowed (e.g. a night market 18:00–23:00): no hits then.'),
    timezone: timezone
      .optional()
      .describe("Time zone of the allowed windows and of the repeat-count day; the work calendar's when omitted."),
    gridCell: z
      .string()
      .optional()
      .describe('Grid cell code of the zone; looked up from the camera location when omitted.'),
    location: latLon.optional().describe('Where the zone is on the map; the camera location when omitted.'),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Detections below this score do not count in this zone; the model's threshold when omitted."),
    minArea: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Smallest finding (detection or static-foreground blob) as a share of the frame area, e.g. 0.002.'),
    recheck: z
      .boolean()
      .optional()
      .describe('Camera re-check (核查) of cases from this zone; false → verified by hand. Default true.'),
    preset: z
      .string()
      .min(1)
      .optional()
      .describe('PTZ cameras: the preset (token or name) whose view the polygon was drawn on; watched only there.'),
  })
  .describe('A watched region of one camera.');

export const cameraSchema = z
  .strictObject({
    id: id.describe('Camera id.'),
    name: z.string().optional().describe('Name shown to operators.'),
    source: z
      .string()
      .min(1)
      .describe('rtsp://, rtmp://, http(s):// URL, a video file (looped) or an image file (looped as a still camera).'),
    enabled: z.boolean().default(true).describe('Disabled cameras are neither pulled nor analysed.'),
    fps: z.number().min(0.05).max(30).default(1).describe('Analysis frames per second.'),
    width: z
      .number()
      .int()
      .min(32)
      .max(4096)
      .default(640)
      .describe('Analysis frame width; height keeps the aspect ratio unless set.'),
    height: z.number().int().min(32).max(4096).optional().describe('Analysis frame height.'),
    keyframesOnly: z
      .boolean()
      .default(false)
      .describe('Decode only keyframes (-skip_frame nokey): much cheaper; the rate is then the GOP rate.'),
    detect: z
      .strictObject({
        url: z
          .string()
          .min(1)
          .optional()
          .describe(
            "The camera's sub stream (rtsp/rtmp/http URL), decoded for analysis only; the main `source` stays the " +
              'stream for evidence, recording and live view. Omitted: the main stream is decoded at `width`.',
          ),
        width: z
          .number()
          .int()
          .min(32)
          .max(4096)
          .optional()
          .describe("Analysis frame width; default: the camera model's input width (no resize per frame)."),
        fps: z.number().min(0.05).max(30).optional().describe("Analysis frames per second; default: the camera's fps."),
      })
      .optional()
      .describe(
        'Detection input (Hikvision/Dahua sub stream, Frigate `roles: [detect]`): frames at the model size, while ' +
          "evidence stills come from the main stream's recording at full resolution. Overrides `width`/`fps`.",
      ),
    stallSeconds: z
      .number()
      .min(2)
      .max(600)
      .default(15)
      .describe('No frame for this long → the camera is stalled and its ffmpeg restarted.'),
    record: cameraRecordField,
    model: z.string().optional().describe('Model name (folder under models.dir); the default model when omitted.'),
    location: latLon.optional().describe('Camera position on the map.'),
    gridCell: z.string().optional().describe('Grid cell code the camera looks at.'),
    ptz: ptzSchema.optional(),
  })
  .describe('One camera.');

type CameraConfig = z.infer<typeof cameraSchema>;
type ZoneConfig = z.infer<typeof zoneSchema>;

export function checkCameras(cameras: readonly CameraConfig[], zones: readonly ZoneConfig[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  cameras.forEach((cam, i) => {
    if (ids.has(cam.id)) problems.push({ path: ['cameras', i, 'id'], message: `duplicate camera id "${cam.id}"` });
    ids.add(cam.id);
  });
  const zoneIds = new Set<string>();
  zones.forEach((zone, j) => {
    if (zoneIds.has(zone.id)) problems.push({ path: ['zones', j, 'id'], message: `duplicate zone id "${zone.id}"` });
    zoneIds.add(zone.id);
    if (!ids.has(zone.camera)) {
      problems.push({
        path: ['zones', j, 'camera'],
        message: `zone "${zone.id}" references unknown camera "${zone.camera}"`,
      });
    }
  });
  problems.push(...checkPresets(cameras, zones));
  return problems;
}
