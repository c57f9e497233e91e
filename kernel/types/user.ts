/** The roles a user can have: the one list (config schema, CLI, user store and route access all use it). */
export const ROLES = ['admin', 'operator', 'handler', 'regulator', 'inspector'] as const;
/** Who is acting: a logged-in user, an Open311 api key, or the system itself. */
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  readonly username: string;
  readonly role: Role;
  /** Unit a handler belongs to. */
  readonly unit?: string;
  readonly name?: string;
  /** Grid cells an inspector (信息采集员) walks: they see and verify (核查) only these cells' cases. */
  readonly cells?: readonly string[];
}

export interface CurrentUser {
  readonly user: SessionUser;
  readonly stamp: string;
}

/** Checks a login (implemented by the cases module's UserStore; the dashboard depends only on this). */
export interface UserVerifier {
  /** The user when the password is right; undefined otherwise (unknown user and wrong password alike). */
  verify(username: string, password: string): Promise<SessionUser | undefined>;
  /**
   * The user as they are now, with the stamp that changes at every change of them (password, role, unit, disabled);
   * undefined when removed or disabled. Sessions are checked against it on every request and live event.
   */
  current(username: string): CurrentUser | undefined;
}

/** Hono environment of every API route: the auth middleware sets `user` and `sessionId`. */
export interface ApiEnv {
  Variables: {
    user: SessionUser;
    /** The login session of the request (what live-view play tokens are bound to; revoked when it ends). */
    sessionId: string;
  };
}
