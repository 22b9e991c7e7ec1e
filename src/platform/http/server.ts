/**
 * The HTTP server: Fastify with zod contracts, security headers, CSRF protection, language
 * negotiation, sessions and deny-by-default permissions. Modules add their routes through
 * `app.route({ …, config: { policy } })`; a route without a policy stops the server at start.
 */
import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyBaseLogger, type RawServerDefault, type RawRequestDefaultExpression, type RawReplyDefaultExpression } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z, ZodType } from 'zod';
import { decide, decideSecondFactor, type Policy, type Principal } from '../../core/access/policy.js';
import type { Lang } from '../../core/shared/localized.js';
import { redactLogLine } from '../log-redaction.js';
import { errorBody, handleError, HttpError, RequestValidationError, statusFor } from './errors.js';
import { describeRoute, errorSchemaComponent } from './openapi.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
    /** Counted by a rate limiter (answers 429): the OpenAPI document says so. */
    rateLimited?: boolean;
    /**
     * The action needs a confirmed e-mail address (applying, enrolling, reviewing): the address is
     * what staff write to and what conflicts of interest are checked against.
     */
    verifiedEmail?: boolean;
    /**
     * Skips the Origin and CSRF-token checks. Only for a public route whose URL carries its own
     * credential and which ignores the session: the one-click unsubscribe POST (RFC 8058), which a
     * mail provider sends from its own servers and a plain HTML form sends without our header.
     */
    csrfExempt?: boolean;
    /**
     * The route hands out personal data in bulk (exports): the session must have proved a second
     * factor within the last few minutes (adr/0013), else 403 accounts.fresh_factor_required.
     */
    freshFactor?: boolean;
  }
  interface FastifyRequest {
    lang: Lang;
    principal: Principal | null;
    sessionToken: string | null;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy;
  /** Needs a recently proved second factor (see FastifyContextConfig.freshFactor). */
  freshFactor: boolean;
  hasBody: boolean;
  hasParams: boolean;
  hasQuery: boolean;
}

export interface ServerOptions {
  logLevel: string;
  trustProxy: boolean;
  publicUrl: string;
  /** Resolves the signed-in principal from the request's cookies (null when none or invalid). */
  resolvePrincipal: (request: FastifyRequest) => Promise<{ principal: Principal; token: string } | null>;
  /** Minutes a proved second factor counts as fresh for `freshFactor` routes. */
  freshFactorMinutes?: number;
  now?: () => Date;
  /** Extra log destination (tests capture logs to check they hold no secrets). */
  logStream?: NodeJS.WritableStream;
}

export const CSRF_COOKIE = 'oc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const LANG_COOKIE = 'oc_lang';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Mantine writes CSS variables and element styles at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Headers for answers Fastify's router gives before any hook runs (a malformed or over-long path),
 * so they carry the same protection as every other response.
 */
const ROUTER_ERROR_HEADERS: Record<string, string> = {
  'content-security-policy': Object.entries(CSP_DIRECTIVES)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v.join(' ')}`)
    .join(';'),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'cache-control': 'no-store',
};

/** Drizzle puts a failed query's parameters (e-mails, tokens, hashes) into the message and stack. */
const scrubParams = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]');

/**
 * Errors in logs: type, code, message, stack and cause, with query parameters removed. Other
 * properties (a driver's `params`, `detail` with the offending value) are left out on purpose.
 */
export function serializeError(err: unknown, depth = 0): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubParams(String(err)), stack: '' };
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: err.constructor?.name ?? err.name,
    message: scrubParams(err.message),
    stack: scrubParams(err.stack ?? ''),
  };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/**
 * Path of the first string holding a NUL character, if any. PostgreSQL cannot store NUL in text or
 * jsonb, so such input would otherwise fail deep inside a query as a server error.
 */
function findNul(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = findNul(v, [...path, Array.isArray(value) ? Number(k) : k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Turns a route pattern ('/api/v1/admin/budget-lines/:id/move', '/assets/*') into a matcher. */
function routeMatcher(url: string): RegExp {
  const pattern = url
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

const matchers = new Map<string, RegExp>();
/** Compiled once per route pattern: unknown paths are cheap to answer, even in a flood of them. */
function matcherOf(url: string): RegExp {
  let re = matchers.get(url);
  if (!re) {
    re = routeMatcher(url);
    matchers.set(url, re);
  }
  return re;
}

/** Methods that do exist for `path`, for a 405 with an Allow header instead of a plain 404. */
export function allowedMethods(routes: readonly RegisteredRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) if (matcherOf(r.url).test(path)) methods.add(r.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * The answer for a request no route took: 405 with Allow when the path exists for other methods
 * (KISA 21: no unneeded methods), the web app's page for a page address, otherwise 404.
 */
export function notFoundHandler(routes: readonly RegisteredRoute[], pageFallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allow = allowedMethods(routes, path);
    if (allow.length > 0 && !allow.includes(request.method)) {
      return reply.status(statusFor('method_not_allowed')).header('allow', allow.join(', ')).send(errorBody(request.lang, 'method_not_allowed'));
    }
    return pageFallback?.(request, reply) ?? reply.status(statusFor('not_found')).send(errorBody(request.lang, 'not_found'));
  };
}

/** Language of the request: explicit header from the web app, then the remembered cookie, then Korean. */
function requestLang(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  const cookieLang = request.cookies?.[LANG_COOKIE];
  if (typeof header === 'string' && header.length > 0) {
    const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
    if (first.startsWith('ko')) return 'ko';
  }
  if (cookieLang === 'en' || cookieLang === 'ko') return cookieLang;
  return 'ko';
}

export async function buildServer(options: ServerOptions): Promise<{ app: App; routes: RegisteredRoute[] }> {
  const app = Fastify({
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    logger: {
      level: options.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Logs carry no passwords, tokens, cookies or personal data (PIPA, ASVS 16.2.5).
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.email', '*.token'],
        censor: '[redacted]',
      },
      // And by pattern, over the whole finished line: addresses, phone numbers and tokens inside
      // messages, URLs, stacks and nested fields that no field name gives away.
      hooks: { streamWrite: redactLogLine },
      serializers: {
        // No query strings (export reasons) and no secret path segments (calendar feed tokens) in logs.
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0]!.replace(/\/calendars\/feeds\/[^/]+/, '/calendars/feeds/[redacted]'), id: req.id }),
        err: (err: unknown) => serializeError(err),
      },
    },
    genReqId: () => randomBytes(8).toString('hex'),
    // A malformed or over-long path is simply not found; Fastify's own answer would echo the path.
    frameworkErrors: (error, request, reply) => {
      const lang = requestLang(request);
      const notFound = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      if (!notFound) request.log.error({ err: error }, 'router error');
      const code = notFound ? 'not_found' : 'internal';
      void (reply as FastifyReply)
        .headers(ROUTER_ERROR_HEADERS)
        .status(statusFor(code))
        .send(errorBody(lang, code));
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Validation errors are worded later in the error handler, once the language is known.
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const nul = findNul(data);
    if (nul) {
      const issue: z.core.$ZodIssue = { code: 'custom', path: nul, message: 'oc:errors.field.control_chars', input: undefined };
      return { error: new RequestValidationError(schema as ZodType, data, [issue]) };
    }
    const result = (schema as ZodType).safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(schema as ZodType, data, result.error.issues) };
  });
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // JSON only: text/plain is one of the types a cross-site form may post without a preflight.
  app.removeContentTypeParser('text/plain');

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy) throw new Error(`Route ${String(route.method)} ${route.url} has no policy: every route must declare one.`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        policy,
        freshFactor: route.config?.freshFactor === true,
        hasBody: !!route.schema?.body,
        hasParams: !!route.schema?.params,
        hasQuery: !!route.schema?.querystring,
      });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // HSTS only means something over TLS; it is added per request below.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Open Campus API',
        version: '1',
        description: 'The API behind the Open Campus web app. Every route the app uses is here, generated from the same zod contracts the server validates with.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'oc.session_token' },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'Echo of the readable oc_csrf cookie; required on changes that carry a session cookie' },
        },
        schemas: { Error: errorSchemaComponent as Record<string, unknown> },
      },
    },
    // The zod schemas become JSON Schema; then what every route of its kind has (openapi.ts).
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      // The web app's files and page fallback are not API.
      if (!url.startsWith('/api/')) return { schema: { ...schema, hide: true }, url };
      return { schema: describeRoute(schema as Record<string, unknown>, input.route) as typeof schema, url };
    },
  });

  const publicOrigin = new URL(options.publicUrl).origin;
  const now = options.now ?? (() => new Date());
  const freshMs = (options.freshFactorMinutes ?? 10) * 60_000;

  app.addHook('onRequest', async (request, reply) => {
    request.lang = requestLang(request);
    request.principal = null;
    request.sessionToken = null;
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');

    // A readable CSRF cookie for the double-submit check (the session cookie itself is HttpOnly).
    let csrf = request.cookies[CSRF_COOKIE];
    if (!csrf) {
      csrf = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, csrf, { path: '/', sameSite: 'strict', httpOnly: false, secure: request.protocol === 'https' });
    }

    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // 404 handler: nothing to protect.

    // An exempt route acts on nothing but the credential in its URL, so a forged request can do no more than the link itself.
    const csrfExempt = policy.kind === 'public' && request.routeOptions.config?.csrfExempt === true;
    if (UNSAFE.has(request.method) && !csrfExempt) {
      const origin = request.headers.origin;
      if (origin && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) throw new HttpError('csrf');
      // Only a session cookie gives a forged request any power; such requests must echo the token.
      if (request.headers.cookie?.includes('session_token')) {
        const token = request.cookies[CSRF_COOKIE];
        if (!token || request.headers[CSRF_HEADER] !== token) throw new HttpError('csrf');
      }
    }

    // Fail closed: if the session cannot be read, the request is treated as signed out.
    if (request.headers.cookie?.includes('session_token')) {
      try {
        const found = await options.resolvePrincipal(request);
        if (found) {
          request.principal = found.principal;
          request.sessionToken = found.token;
        }
      } catch (err) {
        request.log.error({ err }, 'session lookup failed');
        if (policy.kind !== 'public') throw new HttpError('unavailable');
      }
    }
    const decision = decide(policy, request.principal);
    if (decision === 'unauthenticated') throw new HttpError('unauthenticated');
    if (decision === 'forbidden') throw new HttpError('forbidden');
    if (request.routeOptions.config?.verifiedEmail && !request.principal?.emailVerified) throw new HttpError('accounts.email_unverified');
    const factor = decideSecondFactor({ policy, freshFactor: request.routeOptions.config?.freshFactor }, request.principal, now().getTime(), freshMs);
    if (factor !== 'allow') throw new HttpError(`accounts.${factor}`);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  return { app, routes };
}
