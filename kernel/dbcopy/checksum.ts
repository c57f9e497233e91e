/**
 * A checksum over a table's rows that both backends give alike: each row in one canonical text form (its columns in
 * the order given, each value tagged with its kind), hashed with SHA-256, and the row hashes added modulo 2^256.
 * The sum does not depend on the order the rows are read in (SQLite and PostgreSQL order text keys differently), but
 * any changed, lost or extra row changes it.
 */
import { createHash } from 'node:crypto';

const MOD = 1n << 256n;

/** One value in canonical form: integers and floats as JavaScript prints them, text with its length, bytes as hex. */
export function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'number') return Number.isInteger(v) ? `i${v}` : `f${v}`;
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'boolean') return v ? 'i1' : 'i0';
  if (typeof v === 'string') return `s${v.length}:${v}`;
  if (v instanceof Uint8Array) return `b${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  throw new Error(`cannot checksum a value of type ${Object.prototype.toString.call(v)}`);
}

/** The canonical text of one row (values in the order of `columns`). */
export function canonicalRow(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  return columns.map((c) => canonicalValue(row[c])).join('|');
}

/** Sum of row hashes; `add` each row, read `hex` at the end. */
export class TableChecksum {
  private sum = 0n;
  rows = 0;

  constructor(private readonly columns: readonly string[]) {}

  add(row: Readonly<Record<string, unknown>>): void {
    const h = createHash('sha256').update(canonicalRow(row, this.columns)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${h}`)) % MOD;
    this.rows += 1;
  }

  /** 64 hex digits. */
  get hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
