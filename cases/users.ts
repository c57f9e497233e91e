/** Users and roles in the main store; passwords as scrypt hashes (node:crypto), verified in constant time. */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { UserConfig } from '../kernel/config/schema.ts';
import type { Db } from '../kernel/db.ts';
import { InputError } from '../kernel/errors.ts';
import type { CurrentUser, Role, SessionUser, UserVerifier } from '../kernel/types/index.ts';
import { ROLES } from '../kernel/types/user.ts';
import type { Names } from '../kernel/messages/names.ts';
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;
const NAME = /^[A-Za-z0-9_.-]{2,32}$/;

/** "scrypt$N$r$p$salt$hash", salt and hash base64. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const scryptAsync = (password: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(password, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** Off the event loop (libuv thread pool), so a login never blocks the server. */
export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), want.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(got, want);
}

/** A hash to compare against when the user does not exist, so timing does not reveal which names exist. */
const DUMMY = hashPassword(randomBytes(12).toString('hex'));

export interface UserRecord extends SessionUser {
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly disabled: boolean;
}

/** What `gridwatch user set` changes; each change ends the user's login sessions. */
export interface UserChange {
  readonly role?: Role;
  /** A unit id, or null to clear it (not for a handler). */
  readonly unit?: string | null;
  readonly name?: string;
  readonly disabled?: boolean;
  /** An inspector's grid cells (replaces the list; [] clears it). */
  readonly cells?: readonly string[];
}

const newStamp = (): string => randomBytes(16).toString('hex');

interface Row {
  readonly username: string;
  readonly role: Role;
  readonly unit: string | null;
  readonly name: string | null;
  readonly hash: string;
  readonly created_at: number;
  readonly updated_at: number;
  readonly disabled: number;
  readonly stamp: string;
  readonly cells: string | null;
}

export interface NewUser {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
  readonly unit?: string;
  readonly name?: string;
  readonly cells?: readonly string[];
}

export class UserStore implements UserVerifier {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session user when the password is right, else undefined. */
  async verify(username: string, password: string): Promise<SessionUser | undefined> {
    const row = this.row(username);
    const ok = await checkPassword(password, row?.hash ?? DUMMY);
    return row && ok && !row.disabled ? toUser(row) : undefined;
  }

  /** The enabled user as they are now and their stamp (renewed by passwd / set); undefined if gone or disabled. */
  current(username: string): CurrentUser | undefined {
    const row = this.row(username);
    return row && !row.disabled ? { user: toUser(row), stamp: row.stamp } : undefined;
  }

  add(u: NewUser): SessionUser {
    if (!NAME.test(u.username))
      throw new InputError(`username: must be 2–32 letters, digits, "_", "-" or "." (got "${u.username}")`);
    if (!ROLES.includes(u.role)) throw new InputError(`role: must be one of ${ROLES.join(', ')} (got "${u.role}")`);
    if (u.role === 'handler' && !u.unit) throw new InputError('unit: a handler needs a unit');
    const cells = cellsColumn(u.role, u.cells);
    checkStrength(u.password);
    if (this.row(u.username)) throw new InputError(`username: user "${u.username}" already exists`);
    const t = this.now();
    this.db
      .prepare(
        'INSERT INTO users (username, role, unit, name, hash, created_at, updated_at, stamp, cells) VALUES ' +
          '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(u.username, u.role, u.unit ?? null, u.name ?? null, hashPassword(u.password), t, t, newStamp(), cells);
    return toUser(this.row(u.username)!);
  }

  /** Create the configured users that do not exist yet; existing ones (and their passwords) are left alone. */
  ensure(users: readonly UserConfig[]): string[] {
    const created: string[] = [];
    for (const u of users) {
      if (this.row(u.username)) continue;
      const { username, role, password, unit, name, cells } = u;
      this.add({ username, role, password, unit, name, ...(cells ? { cells } : {}) });
      created.push(u.username);
    }
    return created;
  }

  list(): UserRecord[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as Row[];
    return rows.map((r) => ({
      ...toUser(r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      disabled: r.disabled === 1,
    }));
  }

  get(username: string): SessionUser | undefined {
    const row = this.row(username);
    return row ? toUser(row) : undefined;
  }

  passwd(username: string, password: string): void {
    checkStrength(password);
    const info = this.db
      .prepare('UPDATE users SET hash = ?, updated_at = ?, stamp = ? WHERE username = ?')
      .run(hashPassword(password), this.now(), newStamp(), username);
    if (info.changes === 0) throw new InputError(`username: no user "${username}"`);
  }

  /** Change role, unit, name or enabled state; ends the user's login sessions (new stamp). */
  set(username: string, change: UserChange): SessionUser {
    const row = this.row(username);
    if (!row) throw new InputError(`username: no user "${username}"`);
    const role = change.role ?? row.role;
    if (!ROLES.includes(role)) throw new InputError(`role: must be one of ${ROLES.join(', ')} (got "${role}")`);
    const unit = change.unit === undefined ? row.unit : change.unit;
    if (role === 'handler' && !unit) throw new InputError('unit: a handler needs a unit');
    const disabled = change.disabled === undefined ? row.disabled : change.disabled ? 1 : 0;
    // cells belong to inspectors: kept while one stays an inspector, dropped when the role changes away
    const cells = cellsColumn(role, change.cells ?? (role === 'inspector' ? parseCells(row.cells) : undefined));
    this.db
      .prepare(
        'UPDATE users SET role = ?, unit = ?, name = ?, disabled = ?, updated_at = ?, stamp = ?, cells = ? ' +
          'WHERE username = ?',
      )
      .run(role, unit, change.name ?? row.name, disabled, this.now(), newStamp(), cells, username);
    return toUser(this.row(username)!);
  }

  remove(username: string): void {
    const info = this.db.prepare('DELETE FROM users WHERE username = ?').run(username);
    if (info.changes === 0) throw new InputError(`username: no user "${username}"`);
  }

  private row(username: string): Row | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
  }
}

function checkStrength(password: string): void {
  if (password.length < 8) throw new InputError('password: must be at least 8 characters');
}

/** The stored cells column: a JSON array for an inspector, NULL for anyone else (who may not have cells). */
function cellsColumn(role: Role, cells: readonly string[] | undefined): string | null {
  if (cells === undefined || (role !== 'inspector' && cells.length === 0)) return role === 'inspector' ? '[]' : null;
  if (role !== 'inspector') throw new InputError(`cells: only an inspector has grid cells (role ${role})`);
  const bad = cells.find((c) => typeof c !== 'string' || c.length === 0 || c.length > 64);
  if (bad !== undefined) throw new InputError(`cells: not a grid cell code: "${String(bad)}"`);
  return JSON.stringify([...new Set(cells)]);
}

function parseCells(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const v: unknown = JSON.parse(raw);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function toUser(r: Row): SessionUser {
  const cells = r.role === 'inspector' ? (parseCells(r.cells) ?? []) : undefined;
  return {
    username: r.username,
    role: r.role,
    ...(r.unit ? { unit: r.unit } : {}),
    ...(r.name ? { name: r.name } : {}),
    ...(cells ? { cells } : {}),
  };
}

/** Users' display names for rendered texts (kernel/messages): `ref('user', username)` shows the name. */
export function userNames(users: UserStore): Names {
  return { name: (kind, id) => (kind === 'user' ? users.get(id)?.name : undefined) };
}
