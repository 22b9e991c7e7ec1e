/**
 * Errors at the edge: domain errors carry stable codes; only this file knows HTTP status codes.
 * Every error body has one shape: { error: { code, message, fields? } }, in the request's language.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { DomainError } from '../../core/shared/domain-error.js';
import type { Lang } from '../../core/shared/localized.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';

/** An HTTP-level refusal raised by the platform or a route (not-found, forbidden, rate-limited…). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

export const notFound = (code = 'not_found') => new HttpError(404, code);

/** Status for domain error codes, by prefix or exact code; the default is 422 (rule broken). */
const DOMAIN_STATUS: [RegExp, number][] = [
  [/not_found$/, 404],
  [/^auth\.invalid_credentials$/, 401],
  [/^setup\.not_required$/, 409],
  [/^setup\.invalid_token$/, 403],
  // An unanswered reviewer invitation is answered only with the secret from its link.
  [/^review\.invitation_token_required$/, 403],
  [/^roles\.last_admin$/, 409],
  // Applying, enrolling, reviewing or holding a role need a confirmed address.
  [/^accounts\.(email|target)_unverified$/, 403],
  // The code step of signing in timed out or used its tries: sign in again with the password.
  [/^accounts\.two_factor_challenge_expired$/, 401],
  [/^accounts\.two_factor_locked$/, 429],
  // Turning two-factor off while holding the admin role, or using it before it is set up.
  [/^accounts\.two_factor_(admin_required|not_enabled|already_enabled)$/, 409],
  [/^budget\.(parent_not_group|has_children|cycle)$/, 409],
  // A request that is valid but clashes with the record's current state (already finalised, still running…).
  [/\.(conflict|already_[a-z_]+|state_[a-z_]+)$/, 409],
  [/^files\.too_large$/, 413],
  [/^files\.(type_not_allowed|empty)$/, 415],
  [/\.forbidden$/, 403],
];

export function statusForDomainCode(code: string): number {
  for (const [re, status] of DOMAIN_STATUS) if (re.test(code)) return status;
  return 422;
}

/** Raised by the validator compiler; messages are worded later, once the language is known. */
export class RequestValidationError extends Error {
  constructor(
    readonly schema: ZodType,
    readonly data: unknown,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super('validation');
    this.name = 'RequestValidationError';
  }
}

const zodLocales: Record<Lang, () => { localeError: z.core.$ZodErrorMap }> = {
  ko: () => z.locales.ko(),
  en: () => z.locales.en(),
};
const localeErrorMaps = new Map<Lang, z.core.$ZodErrorMap>();
function localeErrorMap(lang: Lang): z.core.$ZodErrorMap {
  let map = localeErrorMaps.get(lang);
  if (!map) {
    map = zodLocales[lang]().localeError;
    localeErrorMaps.set(lang, map);
  }
  return map;
}

/** Field messages in `lang`: zod's own locale for built-in checks, our catalog for `oc:` keys. */
export function localizeIssues(err: RequestValidationError, lang: Lang): { path: string; message: string }[] {
  const again = err.schema.safeParse(err.data, { error: localeErrorMap(lang) });
  const issues = again.success ? err.issues : again.error.issues;
  return issues.map((issue) => {
    let message = issue.message;
    if (message.startsWith('oc:')) message = translate(lang, message.slice(3));
    else if (issue.code === 'unrecognized_keys') message = translate(lang, 'errors.field.unknown', { keys: issue.keys.join(', ') });
    return { path: issue.path.map(String).join('.'), message };
  });
}

export function errorBody(lang: Lang, code: string, params: Record<string, string | number | Date> = {}, fields?: { path: string; message: string }[]) {
  const key = `errors.${code}`;
  return { error: { code, message: translate(lang, key, params), ...(fields ? { fields } : {}) } };
}

/** The one error handler: maps every error to a status and a localized body; never leaks internals. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = request.lang ?? 'ko';
  if (error instanceof RequestValidationError) {
    return reply.status(400).send(errorBody(lang, 'validation', {}, localizeIssues(error, lang)));
  }
  if (error instanceof HttpError) {
    for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
    return reply.status(error.status).send(errorBody(lang, error.code, error.params));
  }
  if (error instanceof DomainError) {
    const fields = error.field ? [{ path: error.field, message: translate(lang, `errors.${error.code}`, error.params) }] : undefined;
    return reply.status(statusForDomainCode(error.code)).send(errorBody(lang, error.code, error.params, fields));
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && fe.statusCode === 400)) {
    return reply.status(400).send(errorBody(lang, 'bad_json'));
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody(lang, 'payload_too_large'));
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody(lang, 'unsupported_media_type'));
  if (fe.validation) {
    return reply.status(400).send(errorBody(lang, 'validation', {}, fe.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '' }))));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 404 ? 'not_found' : fe.statusCode === 405 ? 'method_not_allowed' : 'validation';
    return reply.status(fe.statusCode).send(errorBody(lang, code));
  }
  if (isDatabaseUnavailable(error)) {
    // Not the request's fault and not a bug here: say so, and when to try again.
    request.log.warn({ err: error }, 'database unavailable');
    return reply.status(503).header('retry-after', '5').send(errorBody(lang, 'database_unavailable'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody(lang, 'internal'));
}
