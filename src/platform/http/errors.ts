/**
 * Errors at the edge: every error carries a code listed in core/shared/error-codes.ts with its
 * status; this file answers with that status (and the framework's own, for its 4xx).
 * Every error body has one shape: { error: { code, message, fields? } }, in the request's language.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { DomainError } from '../../core/shared/domain-error.js';
import { ERROR_STATUS, type ErrorCode, type ErrorStatus } from '../../core/shared/error-codes.js';
import type { Lang } from '../../core/shared/localized.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';

/**
 * A refusal raised by the platform itself (CSRF, not signed in, forbidden, unreadable body…). Modules
 * raise DomainError; both carry a listed code, and the status comes from ERROR_STATUS.
 */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'HttpError';
  }

  get status(): ErrorStatus {
    return statusFor(this.code);
  }
}

/** The one answer to "which status for this code": the table, nothing else. */
export function statusFor(code: ErrorCode): ErrorStatus {
  return ERROR_STATUS[code];
}

/**
 * A refusal that says when to try again (a `seconds` parameter on a 429 or 503) tells programs too,
 * with Retry-After: the check-in and sign-in throttles.
 */
function retryAfter(status: ErrorStatus, params: Record<string, unknown>): string | undefined {
  return (status === 429 || status === 503) && typeof params.seconds === 'number' ? String(params.seconds) : undefined;
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

export function errorBody(lang: Lang, code: ErrorCode, params: Record<string, string | number | Date> = {}, fields?: { path: string; message: string }[]) {
  const key = `errors.${code}`;
  return { error: { code, message: translate(lang, key, params), ...(fields ? { fields } : {}) } };
}

/** The one error handler: maps every error to a status and a localized body; never leaks internals. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = request.lang ?? 'ko';
  if (error instanceof RequestValidationError) {
    return reply.status(statusFor('validation')).send(errorBody(lang, 'validation', {}, localizeIssues(error, lang)));
  }
  if (error instanceof HttpError || error instanceof DomainError) {
    const status = statusFor(error.code);
    const after = retryAfter(status, error.params);
    if (after !== undefined) void reply.header('retry-after', after);
    const fields = error instanceof DomainError && error.field ? [{ path: error.field, message: translate(lang, `errors.${error.code}`, error.params) }] : undefined;
    return reply.status(status).send(errorBody(lang, error.code, error.params, fields));
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && fe.statusCode === 400)) {
    return reply.status(statusFor('bad_json')).send(errorBody(lang, 'bad_json'));
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(statusFor('payload_too_large')).send(errorBody(lang, 'payload_too_large'));
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(statusFor('unsupported_media_type')).send(errorBody(lang, 'unsupported_media_type'));
  if (fe.validation) {
    return reply.status(statusFor('validation')).send(errorBody(lang, 'validation', {}, fe.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '' }))));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // The framework's own refusal keeps the framework's status; the code only names its kind.
    const code: ErrorCode = fe.statusCode === 404 ? 'not_found' : fe.statusCode === 405 ? 'method_not_allowed' : 'validation';
    return reply.status(fe.statusCode).send(errorBody(lang, code));
  }
  if (isDatabaseUnavailable(error)) {
    // Not the request's fault and not a bug here: say so, and when to try again.
    request.log.warn({ err: error }, 'database unavailable');
    return reply.status(statusFor('database_unavailable')).header('retry-after', '5').send(errorBody(lang, 'database_unavailable'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(statusFor('internal')).send(errorBody(lang, 'internal'));
}
