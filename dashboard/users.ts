/**
 * Checking a login. The cases module's UserStore (users in the database, `gridwatch user …`) implements
 * UserVerifier; until one is given, ConfigUsers checks the `users:` of the config (passwords scrypt-hashed in memory).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { UserConfig } from '../kernel/config/schema.ts';
import type { SessionUser } from '../kernel/types/user.ts';

export interface UserVerifier {
  /** The user when the password is right; undefined otherwise (unknown user and wrong password alike). */
  verify(username: string, password: string): Promise<SessionUser | undefined> | SessionUser | undefined;
}

const derive = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(password, salt, 32, (err, key) => (err ? reject(err) : resolve(key))));

interface Entry {
  readonly user: SessionUser;
  readonly salt: Buffer;
  readonly key: Buffer;
}

export class ConfigUsers implements UserVerifier {
  private readonly dummySalt = randomBytes(16);

  private constructor(private readonly entries: ReadonlyMap<string, Entry>) {}

  static async create(users: readonly UserConfig[]): Promise<ConfigUsers> {
    const entries = new Map<string, Entry>();
    for (const u of users) {
      const salt = randomBytes(16);
      const user: SessionUser = { username: u.username, role: u.role, ...(u.unit ? { unit: u.unit } : {}), ...(u.name ? { name: u.name } : {}) };
      entries.set(u.username, { user, salt, key: await derive(u.password, salt) });
    }
    return new ConfigUsers(entries);
  }

  async verify(username: string, password: string): Promise<SessionUser | undefined> {
    const entry = this.entries.get(username);
    // Derive even for unknown users so both answers take the same time.
    const key = await derive(password, entry?.salt ?? this.dummySalt);
    return entry && timingSafeEqual(key, entry.key) ? entry.user : undefined;
  }
}
