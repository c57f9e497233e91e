/** Server field problems of a zone save, worded with the zone's name and the form's labels ("区域 2 · 区域编号：…"). */
import { t } from '../../i18n/index.ts';
import { ApiError, type FieldProblem } from '../../lib/api.ts';
import type { EditZone } from './zone-model.ts';

const LABEL: Readonly<Record<string, string>> = {
  id: 'zones.id',
  name: 'zones.name',
  kind: 'zones.kind',
  polygon: 'zones.polygon',
  category: 'field.category',
  dwellSeconds: 'zones.dwell',
  clearSeconds: 'zones.clear',
};

function worded(p: FieldProblem, zones: readonly EditZone[]): string {
  const m = /^body\.zones\[(\d+)\]\.(\w+)/.exec(p.field);
  if (!m || !p.key) return p.message;
  const i = Number(m[1]);
  const zone = zones[i];
  const field = `${zone?.name ?? `#${i + 1}`} · ${LABEL[m[2]!] ? t(LABEL[m[2]!]!) : m[2]}`;
  return t(p.key, { ...p.params, field });
}

export function zoneSaveError(err: unknown, zones: readonly EditZone[]): string {
  if (!(err instanceof ApiError)) return String(err);
  if (err.issues.length === 0) return err.message;
  return [...new Set(err.issues.map((p) => worded(p, zones)))].join('\n');
}
