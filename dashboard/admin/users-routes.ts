/**
 * Users for the admin: list, add, change role / unit / display name, disable and enable, reset the password — the
 * same UserStore the `gridwatch user` CLI uses (scrypt hashes; every change ends the user's sessions). An admin can
 * neither disable nor demote themselves, and the last enabled admin cannot be disabled or demoted.
 */
import { Hono } from 'hono';
import type { UserChange, UserRecord, UserStore } from '../../cases/users.ts';
import { access } from '../../kernel/http/access.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { zv } from '../../kernel/http/validate.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import { noteAudit } from './audit-http.ts';
import { newUserBody, passwordBody, userChangeBody, usernameParam } from './schemas.ts';
import { msg } from '../../kernel/messages/text.ts';

const allow = access('admin');
const ADMIN = ['admin'] as const;

export interface UsersDeps {
  readonly users: () => UserStore;
  /** Unit ids of cases.units. */
  readonly units: readonly string[];
  /** Is this a cell of the configured grid? */
  readonly hasCell: (code: string) => boolean;
}

/** Why this change may not be made, or undefined when it may. */
export function refusal(
  actor: string,
  target: UserRecord,
  change: UserChange,
  all: readonly UserRecord[],
): string | undefined {
  const demoted = change.role !== undefined && change.role !== 'admin';
  const disabled = change.disabled === true;
  if (actor === target.username && disabled) return 'an admin cannot disable themselves';
  if (actor === target.username && demoted) return 'an admin cannot take away their own admin role';
  const activeAdmin = (u: UserRecord): boolean => u.role === 'admin' && !u.disabled;
  if (activeAdmin(target) && (demoted || disabled) && all.filter(activeAdmin).length <= 1)
    return 'the last admin cannot be disabled or demoted';
  return undefined;
}

function checkCells(hasCell: (code: string) => boolean, cells: readonly string[] | undefined): void {
  const issues = (cells ?? []).flatMap((c, i) =>
    hasCell(c)
      ? []
      : [{ field: `body.cells[${i}]`, key: 'validation.custom', params: { field: `body.cells[${i}]`, detail: c } }],
  );
  if (issues.length > 0)
    throw new HttpError('bad_request', { detail: msg('common.notGridCells', { n: issues.length }) }, issues);
}

function checkUnit(units: readonly string[], unit: string | null | undefined): void {
  if (unit && !units.includes(unit))
    throw new HttpError('bad_request', { detail: msg('cases.refuse.unknownUnit', { unit }) }, [
      {
        field: 'body.unit',
        key: 'validation.custom',
        params: { field: 'body.unit', detail: `unknown unit "${unit}"` },
      },
    ]);
}

export function usersRoutes(deps: UsersDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const find = (username: string): UserRecord => {
    const u = deps
      .users()
      .list()
      .find((x) => x.username === username);
    if (!u) throw new HttpError('not_found', { what: msg('common.what.user', { id: username }) });
    return u;
  };

  app.get('/api/admin/users', allow(ADMIN, 'Every user with role, unit, display name and state.'), (c) =>
    c.json({ users: deps.users().list() }),
  );

  app.post('/api/admin/users', allow(ADMIN, 'Add a user.'), zv('json', newUserBody), (c) => {
    const body = c.req.valid('json');
    noteAudit(c, { kind: 'admin', action: 'user.add', target: body.username, detail: body });
    checkUnit(deps.units, body.unit);
    checkCells(deps.hasCell, body.cells);
    return c.json(deps.users().add(body), 201);
  });

  app.patch(
    '/api/admin/users/:username',
    allow(ADMIN, "Change a user's role, unit, display name, or disable / enable them (their sessions end)."),
    zv('param', usernameParam),
    zv('json', userChangeBody),
    (c) => {
      const { username } = c.req.valid('param');
      const change = c.req.valid('json');
      const action =
        change.disabled === true
          ? 'user.disable'
          : change.disabled === false
            ? 'user.enable'
            : change.cells && Object.keys(change).length === 1
              ? 'user.cells'
              : 'user.set';
      noteAudit(c, { kind: 'admin', action, target: username, detail: change });
      const target = find(username);
      const why = refusal(c.get('user').username, target, change, deps.users().list());
      if (why) throw new HttpError('conflict', { detail: why });
      checkUnit(deps.units, change.unit);
      checkCells(deps.hasCell, change.cells);
      return c.json(deps.users().set(username, change));
    },
  );

  app.post(
    '/api/admin/users/:username/password',
    allow(ADMIN, "Reset a user's password (their sessions end). The password is never shown or logged."),
    zv('param', usernameParam),
    zv('json', passwordBody),
    (c) => {
      const { username } = c.req.valid('param');
      noteAudit(c, { kind: 'admin', action: 'user.password', target: username });
      find(username);
      deps.users().passwd(username, c.req.valid('json').password);
      return c.json({ ok: true });
    },
  );

  return app;
}
