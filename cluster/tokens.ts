/** Node tokens: the core keeps the sha256 of each accepted token and compares a bearer's hash in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export class NodeTokens {
  private readonly hashes: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.hashes = tokens.map(digest);
  }

  /** Does this `Authorization` header carry an accepted token? */
  accepts(authorization: string | undefined): boolean {
    const m = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!m) return false;
    const h = digest(m[1]!);
    let ok = false;
    for (const known of this.hashes) ok = timingSafeEqual(h, known) || ok; // every one compared, always
    return ok;
  }
}
