/**
 * A server-generated text as data: a message key and its parameters, stored as JSON (a case's description, a
 * timeline note, a violation's detail) and rendered when read, in the reader's locale (render.ts). Parameters are
 * plain values, or typed ones the renderer resolves: a time (local, in the work calendar's zone), a duration, a name
 * looked up by id (zone, camera, unit, user…), or another message.
 */

/** What a name parameter refers to; the renderer shows the thing's name (its id when it has none). */
export type RefKind = 'zone' | 'camera' | 'unit' | 'user' | 'vehicle' | 'plan' | 'category' | 'cell';

export type Param =
  | string
  | number
  /** A moment, shown in local time: `dateTime` "12月5日 20:15" (default), `time` "20:15", `date` "2026年12月5日". */
  | { readonly t: number; readonly f?: 'dateTime' | 'time' | 'date' }
  /** A duration in ms: "5 分钟", "1 小时 5 分钟". */
  | { readonly ms: number }
  /** The name of a thing with this id. */
  | { readonly ref: RefKind; readonly id: string }
  /** A list of names: "解放路、人民路" / "Jiefang Rd, Renmin Rd". */
  | { readonly list: readonly string[] }
  /** Another message, rendered in the same locale. */
  | Text;

export type TextParams = Readonly<Record<string, Param>>;

export interface Text {
  readonly key: string;
  readonly params?: TextParams;
}

/**
 * A message. Write the key as a string literal (`msg('case.note.ended', {…})`): the message test finds every call,
 * checks the key exists in both languages and that the literal parameters fill every placeholder.
 */
export function msg(key: string, params?: TextParams): Text {
  return params && Object.keys(params).length > 0 ? { key, params } : { key };
}

/** Param helpers. */
export const at = (t: number, f?: 'dateTime' | 'time' | 'date'): Param => (f ? { t, f } : { t });
export const dur = (ms: number): Param => ({ ms });
export const ref = (kind: RefKind, id: string): Param => ({ ref: kind, id });
export const list = (items: readonly string[]): Param => ({ list: items });

/** Is this (parsed JSON) a stored Text? */
export function isText(v: unknown): v is Text {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { key?: unknown }).key === 'string' &&
    ((v as { params?: unknown }).params === undefined || typeof (v as { params?: unknown }).params === 'object')
  );
}
