/**
 * What the OpenAPI document says about each route, derived in one place from what the route
 * already declares (its policy, method, URL and schemas), so route files need not repeat it and a
 * new route is described correctly without anyone remembering to:
 * - operationId from method + path, unique because the router refuses two routes on one method+path;
 * - a tag from the path when the route names none;
 * - security: none for public routes, the session cookie for the others, plus the CSRF header for
 *   their changes (the onRequest hook's rules in server.ts);
 * - the error answers the platform can give for that kind of route, with the one error schema;
 * - only /api/ routes: the web app's files and page fallback are not API.
 */
import { z } from 'zod';
import type { Policy } from '../../core/access/policy.js';
import { ErrorBody } from '../../shared/contracts/common.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** components.schemas.Error: the body of every error answer (errors.ts). */
export const errorSchemaComponent = z.toJSONSchema(ErrorBody, { target: 'draft-2020-12' });

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed input: the fields that failed, worded in the request language',
  401: 'Not signed in (or the session ended)',
  403: 'Signed in without the role this needs, or a change without the CSRF header / from a foreign origin',
  404: 'Nothing with that id, or not visible to the caller',
  409: 'Conflicts with the current state (already done, taken, or changed meanwhile)',
  422: 'Breaks a rule of the domain (the message says which)',
  429: 'Too many attempts: wait for Retry-After seconds',
};

const camel = (s: string) => s.replace(/[-_.]+([a-z0-9])/gi, (_m, c: string) => c.toUpperCase());
const pascal = (s: string) => {
  const c = camel(s);
  return c.charAt(0).toUpperCase() + c.slice(1);
};

/** `GET /api/v1/admin/calls/:id/reviewers` → `getAdminCallsByIdReviewers`. */
export function operationIdFor(method: string, url: string): string {
  const parts = url
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^:([A-Za-z0-9_]+)(.*)$/.exec(seg);
      if (param) return `By${pascal(param[1]!)}${pascal(param[2]!.replace(/[^A-Za-z0-9]+/g, '-'))}`;
      if (seg === '*') return 'ByPath';
      return pascal(seg.replace(/[^A-Za-z0-9]+/g, '-'));
    });
  return `${method.toLowerCase()}${parts.join('')}`;
}

/** The tag of a route that names none: the first path segment after the audience (admin, me). */
export function tagFor(url: string): string {
  const segs = url.replace(/^\/api\/v1\/?/, '').split('/').filter((s) => s && !s.startsWith(':'));
  const audience = new Set(['admin', 'me']);
  const tag = segs.find((s) => !audience.has(s)) ?? segs[0] ?? 'api';
  return tag.replace(/\.[a-z]+$/, '');
}

/**
 * An input a route checks only after its lookup (so an unknown id stays a 404) is optional to the
 * validator but required of every caller: such fields carry `x-required-after-lookup` in their
 * zod meta, and the document lists them as required.
 */
function requiredAfterLookup(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const o = input as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  if (!o.properties) return input;
  const properties: Record<string, Record<string, unknown>> = {};
  const required = new Set(o.required ?? []);
  for (const [name, prop] of Object.entries(o.properties)) {
    const { 'x-required-after-lookup': marked, ...rest } = prop;
    if (marked === true) required.add(name);
    properties[name] = rest;
  }
  return { ...o, properties, ...(required.size > 0 ? { required: [...required] } : {}) };
}

interface RouteLike {
  url: string;
  method: string | string[];
  config?: { policy?: Policy; rateLimited?: boolean } | undefined;
}

type JsonSchema = Record<string, unknown>;

/** Files by extension, for routes that send bytes rather than JSON. */
const FILE_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  ics: 'text/calendar',
  pdf: 'application/pdf',
  jsonld: 'application/ld+json',
};

/**
 * A record with fixed keys (zod's z.record(enum, …)) converts to `required` without `properties`;
 * give each required key the record's value schema, so tools see the properties they must expect.
 */
function namedRequiredKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(namedRequiredKeys);
  if (!node || typeof node !== 'object') return node;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) o[k] = namedRequiredKeys(v);
  if (Array.isArray(o.required) && typeof o.additionalProperties === 'object') {
    const props = { ...((o.properties as Record<string, unknown> | undefined) ?? {}) };
    for (const key of o.required as string[]) props[key] ??= o.additionalProperties;
    o.properties = props;
  }
  return o;
}

/** Adds operationId, tags, security and error responses to a route's (already converted) schema. */
export function describeRoute(schema: JsonSchema, route: RouteLike): JsonSchema {
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'GET';
  const policy = route.config?.policy ?? { kind: 'public' };
  const mutating = MUTATING.has(method);
  const out: JsonSchema = { ...schema };
  if (schema.querystring) out.querystring = requiredAfterLookup(schema.querystring);
  if (schema.body) out.body = requiredAfterLookup(schema.body);
  out.operationId ??= operationIdFor(method, route.url);
  if (!Array.isArray(out.tags) || out.tags.length === 0) out.tags = [tagFor(route.url)];
  if (out.security === undefined) out.security = policy.kind === 'public' ? [] : [mutating ? { session: [], csrf: [] } : { session: [] }];

  const statuses = new Set<number>();
  if (schema.body || schema.querystring || schema.params) statuses.add(400);
  if (policy.kind !== 'public') statuses.add(401);
  // Roles can be missing; any change can fail the CSRF or origin check.
  if (policy.kind === 'roles' || mutating) statuses.add(403);
  if (schema.params) statuses.add(404);
  if (mutating) {
    statuses.add(409);
    statuses.add(422);
  }
  if (route.config?.rateLimited) statuses.add(429);
  const response = namedRequiredKeys({ ...((schema.response as Record<string, unknown> | undefined) ?? {}) }) as Record<string, unknown>;
  const ext = /\.([a-z]+)$/.exec(route.url)?.[1];
  const fileType = ext ? FILE_TYPES[ext] : undefined;
  if (fileType && !Object.keys(response).some((k) => k.startsWith('2'))) {
    response[200] = { description: `The ${ext} file`, content: { [fileType]: { schema: { type: 'string', contentMediaType: fileType } } } };
  }
  for (const status of [...statuses].sort()) {
    if (response[status] !== undefined) continue;
    response[status] = {
      description: ERROR_TEXT[status],
      ...(status === 429 ? { headers: { 'Retry-After': { type: 'integer', description: 'Seconds to wait' } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  out.response = response;
  return out;
}
