/**
 * The error handler answers with the status the code table gives, for every listed code, and keeps
 * the statuses clients already rely on (a sample pinned by number, so an edit to the table shows).
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/shared/domain-error.js';
import { ERROR_CODES, ERROR_STATUS, isErrorCode, type ErrorCode } from '../../core/shared/error-codes.js';
import { handleError, HttpError, statusFor } from './errors.js';

const app = Fastify();
beforeAll(async () => {
  app.setErrorHandler(handleError);
  // The server picks the language from Accept-Language; here every answer is in English.
  app.addHook('onRequest', async (request) => {
    request.lang = 'en';
  });
  app.get<{ Params: { code: string }; Querystring: { seconds?: string; http?: string } }>('/raise/:code', (request) => {
    const { code } = request.params;
    if (!isErrorCode(code)) throw new Error(`not a listed code: ${code}`);
    const params: Record<string, number> = request.query.seconds ? { seconds: Number(request.query.seconds) } : {};
    throw request.query.http ? new HttpError(code, params) : new DomainError(code, params);
  });
  await app.ready();
});
afterAll(() => app.close());

const raise = (code: ErrorCode, query = '') => app.inject({ method: 'GET', url: `/raise/${encodeURIComponent(code)}${query}` });

describe('error statuses', () => {
  it.each<[ErrorCode, number]>([
    ['validation', 400],
    ['auth.invalid_credentials', 401],
    ['accounts.two_factor_challenge_expired', 401],
    ['accounts.email_unverified', 403],
    ['review.invitation_token_required', 403],
    ['csrf', 403],
    ['recruitment.call_not_found', 404],
    ['method_not_allowed', 405],
    ['budget.cycle', 409],
    ['roles.last_admin', 409],
    ['enrolment.state_closed', 409],
    ['selection.state_run_outdated', 409],
    ['files.too_large', 413],
    ['files.type_not_allowed', 415],
    ['recruitment.call_not_draft', 422],
    ['accounts.two_factor_locked', 429],
    ['attendance.too_many_attempts', 429],
    ['rate_limited', 429],
    ['internal', 500],
    ['certificates.font_missing', 503],
  ])('%s answers %i', async (code, status) => {
    expect(ERROR_STATUS[code]).toBe(status);
    expect(statusFor(code)).toBe(status);
    const res = await raise(code);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('answers every listed code with its table status, in words rather than the code', async () => {
    const wrong: string[] = [];
    for (const code of ERROR_CODES) {
      const res = await raise(code);
      const body = res.json() as { error: { code: string; message: string } };
      if (res.statusCode !== ERROR_STATUS[code]) wrong.push(`${code}: ${res.statusCode}, table says ${ERROR_STATUS[code]}`);
      if (body.error.code !== code || body.error.message === `errors.${code}`) wrong.push(`${code}: message not worded`);
    }
    expect(ERROR_CODES.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('a platform refusal takes its status from the same table', async () => {
    const res = await raise('unauthenticated', '?http=1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/sign in/i);
  });

  it('a too-many refusal that says when to try again sends Retry-After; one that does not, sends none', async () => {
    const throttled = await raise('attendance.too_many_attempts', '?seconds=42');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBe('42');
    expect(throttled.json().error.message).toContain('42');
    const locked = await raise('accounts.two_factor_locked');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeUndefined();
    // A seconds parameter on a rule broken (422) is not a hint to retry.
    const rule = await raise('recruitment.call_not_draft', '?seconds=5');
    expect(rule.headers['retry-after']).toBeUndefined();
  });
});
