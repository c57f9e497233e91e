/** A database now, or a way to get it once it is open (app.ts builds components before the store has started). */
import type { Db } from '../db.ts';

export type DbSource = Db | (() => Db);

export const dbOf = (source: DbSource): Db => (typeof source === 'function' ? source() : source);
