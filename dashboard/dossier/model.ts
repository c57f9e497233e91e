/**
 * Gathers a 案卷's model (html.ts) for one case: display names of people and configured things, thumbnails of the
 * pictures (sharp, JPEG 640 px, as data: URIs), the before/after pair, the track slice over the road network.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { actorName, caseFor, timelineFor } from '../../cases/http.ts';
import type { CasesModule } from '../../cases/module.ts';
import type { Config } from '../../kernel/config/schema.ts';
import type { Case, Evidence } from '../../kernel/types/index.ts';
import type { RoadLine } from '../../telemetry/route/roads.ts';
import { tr, type Locale } from '../i18n.ts';
import type { DossierImage, DossierModel, DossierNames } from './html.ts';
import { trackShape, trackSvg } from './track-svg.ts';

export interface DossierSources {
  readonly cases: CasesModule;
  readonly config: Config;
  /** The configured road network (loaded once, lazily). */
  readonly roads: () => readonly RoadLine[];
  readonly now: () => number;
}

const MAX_IMAGES = 24;

export function dossierNames(src: DossierSources, locale: Locale): DossierNames {
  const { config, cases } = src;
  const catalog = cases.service.catalog;
  const named = (name: string | undefined, id: string): string => (name ? `${name}（${id}）` : id);
  return {
    actor: (a) => actorName(cases.service.texts, a, locale),
    category: (code) => {
      const k = catalog.category(code);
      if (!k) return code;
      return locale === 'en' && k.nameEn ? k.nameEn : `${k.major} · ${k.name}`;
    },
    unit: (id) => (id ? (catalog.unit(id)?.name ?? id) : ''),
    camera: (id) => named(config.cameras.find((c) => c.id === id)?.name, id),
    zone: (id) => named(config.zones.find((z) => z.id === id)?.name, id),
    vehicle: (id) => named(config.vehicles.find((v) => v.id === id)?.name, id),
    grid: (code) => named(config.grid.cells.find((g) => g.code === code)?.name, code),
  };
}

async function thumbnail(cases: CasesModule, e: Evidence): Promise<DossierImage | undefined> {
  const file = cases.evidence.resolve(e.path);
  if (!file) return undefined;
  try {
    const jpeg = await sharp(file)
      .rotate()
      .resize({ width: 640, withoutEnlargement: true })
      .jpeg({ quality: 72 })
      .toBuffer();
    return { kind: e.kind, ts: e.ts, src: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
  } catch {
    return undefined; // unreadable picture: left out of the sheet, still listed on the case
  }
}

async function track(src: DossierSources, c: Case, locale: Locale): Promise<ReturnType<typeof trackSvg>> {
  const ev = c.evidence.filter((e) => e.kind === 'track').at(-1);
  const file = ev && src.cases.evidence.resolve(ev.path);
  if (!file) return undefined;
  try {
    const shape = trackShape(JSON.parse(await readFile(file, 'utf8')));
    return trackSvg(shape, src.roads(), tr(locale, 'evidence.kind.track'));
  } catch {
    return undefined;
  }
}

export async function dossierModel(
  src: DossierSources,
  stored: Case,
  locale: Locale,
  toolbar?: DossierModel['toolbar'],
): Promise<DossierModel> {
  const texts = src.cases.service.texts;
  const c = caseFor(texts, stored, locale);
  const pictures = c.evidence.filter((e) => e.mime.startsWith('image/')).slice(0, MAX_IMAGES);
  const images = (await Promise.all(pictures.map((e) => thumbnail(src.cases, e)))).filter(
    (i): i is DossierImage => i !== undefined,
  );
  // before: the annotated (else first) camera picture; after: the latest feedback photo, or the camera's
  // verification picture of a closed camera case (attached last)
  const before = images.find((i) => i.kind === 'annotated') ?? images.find((i) => i.kind !== 'photo');
  const photo = images.filter((i) => i.kind === 'photo').at(-1);
  const last = images.at(-1);
  const drawn = await track(src, c, locale);
  const after = photo ?? (c.status === 'closed' && last !== before ? last : undefined);
  return {
    locale,
    timezone: src.config.cases.calendar.timezone,
    c,
    timeline: timelineFor(texts, src.cases.service.timeline(c.id), locale),
    names: dossierNames(src, locale),
    images,
    ...(before && after ? { pair: { before, after } } : {}),
    ...(drawn ? { trackSvg: drawn.svg, trackRoads: drawn.roads } : {}),
    clips: c.evidence.filter((e) => e.mime.startsWith('video/')).map((e) => ({ ts: e.ts })),
    printedAt: src.now(),
    ...(toolbar ? { toolbar } : {}),
  };
}
