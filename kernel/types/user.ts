/** Who is acting: a logged-in user, an Open311 api key, or the system itself. */
export type Role = 'admin' | 'operator' | 'handler' | 'regulator';

export interface SessionUser {
  readonly username: string;
  readonly role: Role;
  /** Unit a handler belongs to. */
  readonly unit?: string;
  readonly name?: string;
}

/** Hono environment of every API route: the auth middleware sets `user`. */
export interface ApiEnv {
  Variables: {
    user: SessionUser;
  };
}
