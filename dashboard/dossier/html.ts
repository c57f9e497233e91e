/**
 * The 案卷 (case sheet) as one self-contained HTML document: every field, the evidence (before/after pair,
 * thumbnails, the track map as SVG), the whole timeline with people's display names. Images are data: URIs and the
 * document's own Content-Security-Policy allows nothing else (no network), so the screen page, the browser's print
 * and the server's PDF are the same. Pure: the model is gathered by model.ts.
 */
import type { Case, CaseTimelineEntry } from '../../kernel/types/index.ts';
import { tr, type Locale, type Params } from '../i18n.ts';
import { esc } from './escape.ts';
import { DOSSIER_CSS } from './style.ts';

export interface DossierImage {
  readonly kind: string;
  readonly ts: number;
  /** data:image/jpeg;base64,… (a thumbnail). */
  readonly src: string;
}

export interface DossierNames {
  /** Display name of an actor (username, "system:…", "apikey:…"). */
  readonly actor: (actor: string) => string;
  readonly category: (code: string) => string;
  readonly unit: (id: string) => string;
  readonly camera: (id: string) => string;
  readonly zone: (id: string) => string;
  readonly vehicle: (id: string) => string;
  readonly grid: (code: string) => string;
}

export interface DossierModel {
  readonly locale: Locale;
  readonly timezone: string;
  readonly c: Case;
  /** Notes rendered in the reader's language, people by display name (cases/http.ts timelineFor). */
  readonly timeline: readonly (CaseTimelineEntry & { readonly actorName?: string })[];
  readonly names: DossierNames;
  readonly images: readonly DossierImage[];
  readonly pair?: { readonly before: DossierImage; readonly after: DossierImage };
  readonly trackSvg?: string;
  /** Roads drawn under the track (0: no road network configured, or none near). */
  readonly trackRoads?: number;
  readonly clips: readonly { readonly ts: number }[];
  readonly printedAt: number;
  /** On screen: the toolbar (print button script, PDF link); absent in the PDF. */
  readonly toolbar?: { readonly pdfHref: string; readonly scriptSrc: string; readonly backHref: string };
}

export function dossierHtml(m: DossierModel): string {
  const t = (key: string, params?: Params): string => esc(tr(m.locale, key, params));
  const time = timeFormat(m.timezone);
  const { c, names } = m;
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'${m.toolbar ? `; script-src 'self'` : ''}`;
  const facts = factRows(m, time)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<tr><th>${t(k)}</th><td>${esc(v!)}</td></tr>`)
    .join('');
  const figure = (img: DossierImage, label: string): string =>
    `<figure><img src="${img.src}" alt="${esc(label)}" data-kind="${esc(img.kind)}"/>` +
    `<figcaption>${esc(label)} · ${esc(time(img.ts))}</figcaption></figure>`;
  const pair = m.pair
    ? `<div class="pair">${figure(m.pair.before, tr(m.locale, 'evidence.before'))}` +
      `${figure(m.pair.after, tr(m.locale, 'evidence.after'))}</div>`
    : '';
  const thumbs = m.images.length
    ? `<div class="thumbs">${m.images.map((i) => figure(i, tr(m.locale, `evidence.kind.${i.kind}`))).join('')}</div>`
    : '';
  const track = m.trackSvg
    ? `<figure class="track">${m.trackSvg}<figcaption>${t('evidence.kind.track')} · ` +
      `${t('dossier.sheet.trackLegend')}${m.trackRoads ? t('dossier.sheet.trackRoads') : ''}` +
      `</figcaption></figure>`
    : '';
  const clipTimes = m.clips.map((x) => time(x.ts)).join('、');
  const clips = m.clips.length
    ? `<p class="muted">${t('dossier.sheet.clips', { n: m.clips.length, times: clipTimes })}</p>`
    : '';
  const evidence =
    pair || thumbs || track || clips ? `${pair}${track}${thumbs}${clips}` : `<p>${t('evidence.none')}</p>`;
  const rows = m.timeline.map((e) => timelineRow(m, e, time)).join('');
  const toolbar = m.toolbar
    ? `<nav class="toolbar"><a href="${esc(m.toolbar.backHref)}">← ${t('dossier.sheet.back')}</a>` +
      `<button type="button" id="print">${t('dossier.sheet.printNow')}</button>` +
      `<a href="${esc(m.toolbar.pdfHref)}" id="pdf" download>${t('dossier.pdf')}</a></nav>` +
      `<script src="${esc(m.toolbar.scriptSrc)}"></script>`
    : '';
  return (
    `<!doctype html><html lang="${m.locale}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${t('dossier.sheet.title')} ${esc(c.id)}</title><style>${DOSSIER_CSS}${pageFooter(m)}</style></head>` +
    `<body data-case="${esc(c.id)}">${toolbar}<main class="sheet">` +
    `<header><div class="org">${t('dossier.sheet.org')}</div><h1>${t('dossier.sheet.title')}</h1>` +
    `<div class="no">${t('field.caseId')}：<strong>${esc(c.id)}</strong>　${t('field.status')}：` +
    `<strong>${t(`case.status.${c.status}`)}</strong></div></header>` +
    `<section class="facts"><h2>${t('dossier.sheet.facts')}</h2><table>${facts}</table></section>` +
    `<section class="evidence"><h2>${t('dossier.sheet.evidence')}</h2>${evidence}</section>` +
    `<section class="timeline"><h2>${t('case.timeline')}</h2><table><thead><tr><th>${t('field.time')}</th>` +
    `<th>${t('dossier.sheet.action')}</th><th>${t('dossier.sheet.actor')}</th><th>${t('field.detail')}</th>` +
    `</tr></thead><tbody>${rows}</tbody></table></section>` +
    `<section class="sign"><div>${t('dossier.sheet.signHandler')}</div><div>${t('dossier.sheet.signReviewer')}</div>` +
    `</section><footer>${t('dossier.sheet.printed', { time: time(m.printedAt) })} · ` +
    `${esc(names.unit(c.unitId ?? ''))}` +
    `</footer></main></body></html>`
  );
}

/** Case number and "page n of N" in the A4 page's bottom margin (CSS margin boxes; printed pages only). */
function pageFooter(m: DossierModel): string {
  const css = (s: string): string => JSON.stringify(s).replace(/</g, '\\3c ');
  const mark = '\u0000';
  const [before = '', between = '', after = ''] = tr(m.locale, 'dossier.sheet.pageOf', {
    page: mark,
    pages: mark,
  }).split(mark);
  const small = 'font-size: 9px; color: #6b7280;';
  const no = css(`${tr(m.locale, 'field.caseId')} ${m.c.id}`);
  const pages = `${css(before)} counter(page) ${css(between)} counter(pages) ${css(after)}`;
  return `@page { @bottom-left { content: ${no}; ${small} } @bottom-right { content: ${pages}; ${small} } }`;
}

type Fact = readonly [key: string, value: string | undefined];

function factRows(m: DossierModel, time: (ms: number) => string): Fact[] {
  const { c, names, locale } = m;
  const when = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : time(ms));
  return [
    ['field.category', `${c.category} ${names.category(c.category)}`],
    ['field.source', tr(locale, `case.source.${c.source}`)],
    ['field.description', c.description],
    ['field.address', c.address],
    ['field.location', c.location && `${c.location.lat.toFixed(6)}, ${c.location.lon.toFixed(6)}`],
    ['field.grid', c.gridCell && names.grid(c.gridCell)],
    ['field.unit', c.unitId && names.unit(c.unitId)],
    ['dossier.sheet.contractor', c.contractor && names.unit(c.contractor)],
    ['field.camera', c.cameraId && names.camera(c.cameraId)],
    ['field.zone', c.zoneId && names.zone(c.zoneId)],
    ['field.vehicle', c.vehicleId && names.vehicle(c.vehicleId)],
    ['field.created', when(c.createdAt)],
    ['dossier.sheet.registeredAt', when(c.registeredAt)],
    ['dossier.sheet.dispatchedAt', when(c.dispatchedAt)],
    ['field.deadline', when(c.deadline)],
    ['dossier.sheet.handledAt', when(c.handledAt)],
    ['dossier.sheet.closedAt', when(c.closedAt)],
    ['dossier.sheet.reworkCount', c.reworkCount ? String(c.reworkCount) : undefined],
    [
      'dossier.sheet.suspended',
      c.suspendedAt !== undefined
        ? `${time(c.suspendedAt)} (${tr(locale, `case.status.${c.suspendedFrom}`)})`
        : undefined,
    ],
    [
      'case.extension',
      c.extension &&
        `${tr(locale, 'case.extensionPending', { hours: c.extension.hours, reason: c.extension.reason })} — ` +
          `${names.actor(c.extension.by)} ${time(c.extension.at)}`,
    ],
    [
      'case.supervised',
      c.supervised &&
        `${tr(locale, 'case.supervisedBy', { by: names.actor(c.supervised.by), reason: c.supervised.reason })} ` +
          time(c.supervised.at),
    ],
    [
      'case.evaluation',
      c.evaluation &&
        `${'★'.repeat(c.evaluation.score)}${'☆'.repeat(5 - c.evaluation.score)} ${c.evaluation.note ?? ''} — ` +
          `${names.actor(c.evaluation.by)} ${time(c.evaluation.at)}`,
    ],
    ['dossier.sheet.mediaUrl', c.mediaUrl],
    ['dossier.sheet.refs', c.sourceRefs.join(', ')],
    ['dossier.sheet.updatedAt', when(c.updatedAt)],
  ];
}

function timelineRow(m: DossierModel, e: DossierModel['timeline'][number], time: (ms: number) => string): string {
  const t = (key: string, params?: Params): string => tr(m.locale, key, params);
  let what = t(`case.action.${e.action}`);
  if (e.to && e.from !== e.to) what += ` → ${t(`case.status.${e.to}`)}`;
  if (e.action === 'notice' && typeof e.data?.notice === 'string') what += `：${t(`case.notice.${e.data.notice}`)}`;
  const unit = typeof e.data?.unit === 'string' ? m.names.unit(e.data.unit) : undefined;
  const detail = [e.reason, unit && e.action === 'dispatch' ? `${t('field.unit')}：${unit}` : undefined]
    .filter(Boolean)
    .join('；');
  const who = e.actorName ?? m.names.actor(e.actor);
  const role =
    e.role && !e.actor.startsWith('system:') ? ` <span class="muted">${esc(t(`role.${e.role}`))}</span>` : '';
  return (
    `<tr class="tl-${esc(e.action)}"><td class="nowrap">${esc(time(e.ts))}</td><td>${esc(what)}</td>` +
    `<td>${esc(who)}${role}</td><td>${esc(detail)}</td></tr>`
  );
}

/** "2026-12-05 14:03" in the calendar's zone. */
export function timeFormat(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => f.format(ms);
}
