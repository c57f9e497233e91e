/** Cases and categories in Open311 GeoReport v2 shapes (JSON). Times are ISO-8601 with the calendar's zone. */
import type { Case, CaseStatus } from '../kernel/types/index.ts';
import type { Catalog, Category } from './catalog.ts';
import { isoLocal } from '../kernel/time.ts';
import { FINAL_STATUSES } from './rules.ts';

const NOTES: Readonly<Record<CaseStatus, string>> = {
  reported: '已上报 reported, waiting for registration',
  registered: '已立案 registered, waiting for dispatch',
  rejected: '不予立案 not accepted',
  dispatched: '已派遣 dispatched to the responsible unit',
  handling: '处置中 being handled',
  handled: '已处置 handled, waiting for verification',
  closed: '已结案 closed',
  suspended: '挂账 suspended',
  cancelled: '已作废 cancelled (false alarm)',
};

export function service(c: Category): Record<string, unknown> {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.nameEn
      ? `${c.name} (${c.nameEn}), ${c.limitHours} working hours`
      : `${c.name}, ${c.limitHours} working hours`,
    metadata: false,
    type: 'realtime',
    keywords: [c.major, c.name, ...(c.nameEn ? [c.nameEn] : [])].join(', '),
    group: c.major,
  };
}

/**
 * The PUBLIC view of a case: no staff notes or reasons (status_notes is the state only), no camera, zone, vehicle,
 * plan, evidence or contact data; a description only when a citizen wrote it (system cases get the category name).
 */
export function publicRequest(c: Case, catalog: Catalog): Record<string, unknown> {
  const tz = catalog.timezone;
  const cat = catalog.category(c.category);
  const citizen = c.source === 'citizen';
  return {
    service_request_id: c.id,
    status: FINAL_STATUSES.includes(c.status) ? 'closed' : 'open',
    status_notes: NOTES[c.status],
    service_name: cat?.name ?? c.category,
    service_code: c.category,
    description: citizen ? c.description : (cat?.name ?? c.category),
    agency_responsible: catalog.unit(c.unitId)?.name ?? null,
    service_notice: cat ? `处置时限 ${cat.limitHours} 工作时 (working hours)` : null,
    requested_datetime: isoLocal(c.createdAt, tz),
    updated_datetime: isoLocal(c.updatedAt, tz),
    expected_datetime: c.deadline === undefined ? null : isoLocal(c.deadline, tz),
    address: c.address ?? null,
    address_id: null,
    zipcode: null,
    lat: c.location?.lat ?? null,
    long: c.location?.lon ?? null,
    media_url: citizen ? (c.mediaUrl ?? null) : null,
  };
}

/** Open311 error body: a list of {code, description}. */
export function o311Error(code: number, description: string): { code: number; description: string }[] {
  return [{ code, description }];
}
