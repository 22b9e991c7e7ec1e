/** HTTP routes of two-factor sign-in: enrol, confirm, disable, new recovery codes, sign-in code, step-up. */
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicAccess, signedIn } from '../../core/access/policy.js';
import { Me } from '../../shared/contracts/accounts.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { RecoveryCodes, StepUpResult, TwoFactorCodeInput, TwoFactorDisableInput, TwoFactorEnrolInput, TwoFactorEnrolment, TwoFactorSignInInput } from '../../shared/contracts/two-factor.js';
import { personOf } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import * as tf from './two-factor.js';
import { userSummary } from './use-cases.js';

const tags = ['accounts'];
const MeUser = Me.shape.user.unwrap();
/** better-auth's cookie for the code step of signing in (set after the password). */
const CHALLENGE_COOKIE = /(?:^|;\s*)(?:__Secure-)?oc\.two_factor=([^;]+)/;

interface Shared {
  throttle: (request: FastifyRequest, action: string, account?: string) => Promise<void>;
  passCookies: (reply: FastifyReply, cookies: string[]) => void;
}

export function registerTwoFactorRoutes(app: App, deps: ModuleDeps, { throttle, passCookies }: Shared): void {
  const { db, auth, now, config } = deps;
  const ok = z.object({ ok: z.literal(true) });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/two-factor',
    config: { policy: publicAccess, rateLimited: true },
    schema: {
      tags,
      summary: 'Second step of signing in: a code from the authenticator app, or one recovery code (used up)',
      body: TwoFactorSignInInput,
      response: { 200: MeUser, 401: ErrorBody, 422: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      // Counted per address and per sign-in attempt; better-auth also ends an attempt after five wrong codes.
      const challenge = CHALLENGE_COOKIE.exec(request.headers.cookie ?? '')?.[1];
      await throttle(request, 'two-factor', challenge);
      const result = await tf.completeSignIn(db, auth, request.body, fromNodeHeaders(request.headers), now());
      passCookies(reply, result.cookies);
      return userSummary(db, result.userId);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/two-factor/enrolment',
    config: { policy: signedIn, rateLimited: true },
    schema: {
      tags,
      summary: 'Start setting up an authenticator app (password asked again): its otpauth address and secret, and recovery codes to show once confirmed',
      body: TwoFactorEnrolInput,
      response: { 200: TwoFactorEnrolment, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody },
    },
    handler: async (request) => {
      const { userId } = personOf(request);
      await throttle(request, 'two-factor-enrol', userId);
      return tf.startEnrolment(db, auth, config.publicUrl, userId, request.body.password, fromNodeHeaders(request.headers));
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/two-factor/confirm',
    config: { policy: signedIn, rateLimited: true },
    schema: { tags, summary: 'Confirm the authenticator app with its first code: two-factor sign-in is on from now', body: TwoFactorCodeInput, response: { 200: MeUser, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody } },
    handler: async (request, reply) => {
      const actor = personOf(request);
      await throttle(request, 'two-factor-code', actor.userId);
      passCookies(reply, await tf.confirmEnrolment(db, auth, actor, request.body.code, fromNodeHeaders(request.headers), now()));
      return userSummary(db, actor.userId);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/two-factor/disable',
    config: { policy: signedIn, rateLimited: true },
    schema: {
      tags,
      summary: 'Turn two-factor sign-in off (password and a current code); refused while the account holds the admin role',
      body: TwoFactorDisableInput,
      response: { 200: ok, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const actor = personOf(request);
      await throttle(request, 'two-factor-code', actor.userId);
      passCookies(reply, await tf.disableTwoFactor(db, auth, actor, request.body, fromNodeHeaders(request.headers)));
      return { ok: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/two-factor/recovery-codes',
    config: { policy: signedIn, rateLimited: true },
    schema: { tags, summary: 'New recovery codes (password asked again); the previous ones stop working', body: TwoFactorEnrolInput, response: { 200: RecoveryCodes, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody } },
    handler: async (request) => {
      const actor = personOf(request);
      await throttle(request, 'two-factor-enrol', actor.userId);
      return tf.regenerateRecoveryCodes(db, auth, actor, request.body.password, fromNodeHeaders(request.headers));
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/two-factor/step-up',
    config: { policy: signedIn, rateLimited: true },
    schema: {
      tags,
      summary: `A code again for this session: exports of personal data need one from the last ${config.freshFactorMinutes} minutes`,
      body: TwoFactorCodeInput,
      response: { 200: StepUpResult, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody },
    },
    handler: async (request) => {
      const { userId } = personOf(request);
      await throttle(request, 'two-factor-code', userId);
      return tf.stepUp(db, auth, userId, request.sessionToken ?? '', request.body.code, fromNodeHeaders(request.headers), now(), config.freshFactorMinutes);
    },
  });
}
