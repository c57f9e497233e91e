/**
 * GET /api/openapi.json: an OpenAPI 3.1 description generated from the app's routes and what each declares (roles
 * with `allow(...)`, query and body schemas with `zv(...)`; kernel/http/access.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiEnv } from '../kernel/types/user.ts';
import { VERSION } from '../kernel/version.ts';
import type { RouterRoute } from 'hono/types';
import { access, ANY_ROLE, declaredRoutes, type DeclaredRoute } from '../kernel/http/access.ts';

const allow = access('system');

type Json = Record<string, unknown>;

const toSchema = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;

/** "/api/cases/:id" → "/api/cases/{id}"; "/api/evidence/*" → "/api/evidence/{path}". */
export function openApiPath(p: string): string {
  return p.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}');
}

const ERROR_REF = { $ref: '#/components/responses/Error' };

function operation(rule: DeclaredRoute): Json {
  const params: Json[] = [...rule.path.matchAll(/:(\w+)|\*$/g)].map((m) => ({
    name: m[1] ?? 'path',
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (rule.query) {
    const q = toSchema(rule.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, Json> | undefined) ?? {})) {
      params.push({
        name,
        in: 'query',
        required: required.has(name),
        schema,
        ...(schema.description ? { description: schema.description } : {}),
      });
    }
  }
  const roles = rule.roles === 'public' ? 'public' : rule.roles.join(', ');
  return {
    summary: rule.summary,
    tags: [rule.tag],
    description: `Roles: ${roles}.`,
    'x-roles': rule.roles,
    ...(rule.roles === 'public' ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(rule.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(rule.body) } } } }
      : {}),
    responses: {
      '200': { description: 'OK' },
      '400': ERROR_REF,
      '401': ERROR_REF,
      '403': ERROR_REF,
      '404': ERROR_REF,
      '500': ERROR_REF,
    },
  };
}

/** The document for an app's routes (`app.routes`): every route that declares its roles. */
export function openApiDocument(routes: readonly RouterRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const rule of declaredRoutes(routes)) {
    const path = openApiPath(rule.path);
    paths[path] = { ...paths[path], [rule.method.toLowerCase()]: operation(rule) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'gridwatch 网格哨 API',
      version: VERSION,
      description:
        'Session cookie from POST /api/auth/login; state-changing requests also send the X-CSRF-Token header ' +
        'from the login answer. ' +
        'Errors: {error (stable code), message (localised by Accept-Language), key, errorId, field?, issues?}.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'gw_session',
          description: '"__Host-gw_session" when server.secureCookies is on.',
        },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      responses: {
        Error: {
          description: 'An error',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error', 'message', 'key', 'errorId'],
                properties: {
                  error: {
                    type: 'string',
                    description:
                      'Stable code: bad_request, bad_json, unsupported_media, unauthenticated, ' +
                      'invalid_credentials, forbidden, csrf, not_found, conflict, rate_limited, internal, unavailable.',
                  },
                  message: { type: 'string' },
                  key: { type: 'string', description: 'Message key in the UI message files.' },
                  errorId: { type: 'string', description: 'Logged with the error.' },
                  field: { type: 'string' },
                  issues: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        field: { type: 'string' },
                        key: { type: 'string' },
                        message: { type: 'string' },
                        params: { type: 'object' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

/** Served from the finished app's routes (read at the first request, when every route is mounted). */
export function openApiRoute(routes: () => readonly RouterRoute[]): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  let doc: Json | undefined;
  app.get('/api/openapi.json', allow(ANY_ROLE, 'This OpenAPI 3.1 document.'), (c) => {
    doc ??= openApiDocument(routes());
    return c.json(doc);
  });
  return app;
}
