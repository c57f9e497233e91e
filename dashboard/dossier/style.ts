/** The 案卷's CSS: a sheet on screen, A4 on paper (margins, page breaks that keep rows and figures whole, no toolbar). */
export const DOSSIER_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #e5e7eb; color: #111827;
  font: 13px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
  sans-serif; }
.toolbar { position: sticky; top: 0; display: flex; gap: 12px; align-items: center; padding: 8px 16px;
  background: #1f2937; color: #fff; z-index: 1; }
.toolbar a, .toolbar button { color: #fff; background: #374151; border: 0; border-radius: 4px; padding: 6px 12px;
  font: inherit; text-decoration: none; cursor: pointer; }
.toolbar button { background: #2563eb; }
.sheet { width: 210mm; min-height: 297mm; margin: 16px auto; padding: 16mm 14mm; background: #fff;
  box-shadow: 0 2px 12px rgba(0, 0, 0, .15); }
header { text-align: center; border-bottom: 2px solid #111827; padding-bottom: 8px; margin-bottom: 12px; }
header .org { font-size: 12px; color: #4b5563; letter-spacing: .2em; }
h1 { font-size: 24px; margin: 4px 0; letter-spacing: .4em; }
h2 { font-size: 15px; border-left: 4px solid #1d4ed8; padding-left: 8px; margin: 18px 0 8px; break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #9ca3af; padding: 4px 6px; vertical-align: top; text-align: left; }
.facts th { width: 22%; background: #f3f4f6; font-weight: 600; }
.timeline thead th { background: #f3f4f6; white-space: nowrap; }
.timeline th:nth-child(1) { width: 19%; }
.timeline th:nth-child(2) { width: 19%; }
.timeline th:nth-child(3) { width: 18%; }
.timeline thead { display: table-header-group; }
tr, figure { break-inside: avoid; }
.nowrap { white-space: nowrap; }
.muted { color: #6b7280; }
figure { margin: 0 0 8px; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #d1d5db; }
figcaption { font-size: 11px; color: #4b5563; margin-top: 2px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.thumbs { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.track-svg { display: block; width: 100%; height: auto; border: 1px solid #d1d5db; }
.track-svg .bg { fill: #f8fafc; }
.track-svg .road { fill: none; stroke: #cbd5e1; stroke-width: 3; stroke-linecap: round; stroke-linejoin: round; }
.track-svg .labels text { font-size: 11px; fill: #475569; paint-order: stroke; stroke: #f8fafc; stroke-width: 3px; }
.track-svg .track { fill: none; stroke: #dc2626; stroke-width: 4; stroke-linejoin: round; opacity: .9; }
.track-svg .track-dot { fill: #dc2626; }
.track-svg .where { fill: #f59e0b; stroke: #fff; stroke-width: 2; }
.track-svg .scale path { stroke: #111827; stroke-width: 2; }
.track-svg .scale text { font-size: 11px; fill: #111827; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 28px; break-inside: avoid; }
.sign div { border-bottom: 1px solid #111827; padding-bottom: 28px; }
footer { margin-top: 16px; font-size: 11px; color: #6b7280; text-align: right; }
@media print {
  body { background: #fff; }
  .toolbar { display: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .timeline { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`;
