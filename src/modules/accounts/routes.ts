/** HTTP routes of accounts. Each reads: policy → contract → one use case → presenter. */
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { adminOnly, publicAccess, signedIn } from '../../core/access/policy.js';
import { EmailVerificationInput, Me, PasswordChangeInput, RolesInput, SetupInput, SignInInput, SignUpAccepted, SignUpInput, UserList, UserListQuery } from '../../shared/contracts/accounts.js';
import { ErrorBody, IdParams } from '../../shared/contracts/common.js';
import { TwoFactorChallenge } from '../../shared/contracts/two-factor.js';
import { actorOf, me } from '../../platform/http/request.js';
import { countAdmins } from '../../platform/auth/roles.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { registerAccount } from './sign-up.js';
import { createThrottle } from './throttle.js';
import { registerTwoFactorRoutes } from './two-factor-routes.js';
import { changePassword, changeRoles, completeSetup, listUsers, resendVerification, signIn, signOut, userSummary, verifyEmail } from './use-cases.js';

const tags = ['accounts'];
const MeUser = Me.shape.user.unwrap();

export function registerAccountRoutes(app: App, deps: ModuleDeps): void {
  const { db, auth, now } = deps;

  const throttle = createThrottle(deps);
  const passCookies = (reply: FastifyReply, cookies: string[]) => {
    if (cookies.length > 0) reply.header('set-cookie', cookies);
  };

  app.route({
    method: 'GET',
    url: '/api/v1/me',
    config: { policy: publicAccess },
    schema: { tags, summary: 'The signed-in account and its roles (user is null when signed out)', response: { 200: Me } },
    handler: async (request) => ({
      user: request.principal ? await userSummary(db, request.principal.userId) : null,
      setupRequired: (await countAdmins(db)) === 0,
    }),
  });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    config: { policy: publicAccess, rateLimited: true },
    schema: {
      tags,
      summary: 'Sign up with e-mail and password; the same answer whether or not the address already has an account (its owner is told by mail). Sign in afterwards.',
      body: SignUpInput,
      response: { 202: SignUpAccepted, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      await throttle(request, 'sign-up');
      await registerAccount({ db, auth, now, publicUrl: deps.config.publicUrl }, { ...request.body, locale: request.body.locale ?? request.lang }, fromNodeHeaders(request.headers));
      return reply.status(202).send({ accepted: true as const });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    config: { policy: publicAccess, rateLimited: true },
    schema: {
      tags,
      summary: 'Sign in with e-mail and password; 202 when the account also needs a code (then POST /api/v1/auth/two-factor)',
      body: SignInInput,
      response: { 200: MeUser, 202: TwoFactorChallenge, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      await throttle(request, 'sign-in', request.body.email);
      const result = await signIn(auth, request.body, fromNodeHeaders(request.headers));
      passCookies(reply, result.cookies);
      if (result.twoFactorRequired) return reply.status(202).send({ twoFactorRequired: true as const });
      return userSummary(db, result.userId);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/sign-out',
    config: { policy: signedIn },
    schema: { tags, summary: 'Sign out: the session is deleted on the server', response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (request, reply) => {
      passCookies(reply, await signOut(auth, fromNodeHeaders(request.headers)));
      return { ok: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/auth/verify-email',
    config: { policy: publicAccess },
    schema: { tags, summary: 'Confirm an e-mail address with the secret from the mailed link', body: EmailVerificationInput, response: { 200: z.object({ verified: z.literal(true) }), 422: ErrorBody, 429: ErrorBody } },
    handler: async (request, reply) => {
      await throttle(request, 'verify-email');
      passCookies(reply, await verifyEmail(auth, request.body.token, fromNodeHeaders(request.headers)));
      return { verified: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/verification-mail',
    config: { policy: signedIn },
    schema: { tags, summary: 'Send the link that confirms my e-mail address again (through the outbox)', response: { 202: z.object({ queued: z.literal(true) }), 409: ErrorBody, 429: ErrorBody } },
    handler: async (request, reply) => {
      const userId = me(request);
      await throttle(request, 'verification-mail', userId);
      await resendVerification(db, auth, userId, fromNodeHeaders(request.headers));
      return reply.status(202).send({ queued: true as const });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/me/password',
    config: { policy: signedIn },
    schema: {
      tags,
      summary: 'Change my password (the current one is asked for again; other sessions end)',
      body: PasswordChangeInput,
      response: { 200: z.object({ ok: z.literal(true) }), 422: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const userId = me(request);
      await throttle(request, 'password-change', userId);
      passCookies(reply, await changePassword(db, auth, userId, request.body, fromNodeHeaders(request.headers)));
      return { ok: true as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/v1/setup',
    config: { policy: publicAccess, rateLimited: true },
    schema: { tags, summary: 'Create the first administrator with the one-time setup token', body: SetupInput, response: { 201: MeUser, 403: ErrorBody, 409: ErrorBody } },
    handler: async (request, reply) => {
      await throttle(request, 'setup');
      const result = await completeSetup(db, auth, request.body, fromNodeHeaders(request.headers), request.ip);
      passCookies(reply, result.cookies);
      return reply.status(201).send(await userSummary(db, result.userId));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/v1/admin/users',
    config: { policy: adminOnly },
    schema: { tags, summary: 'One page of the accounts with their roles, oldest first (?q a part of the name or address, ?role)', querystring: UserListQuery, response: { 200: UserList, 400: ErrorBody } },
    handler: async (request) => listUsers(db, request.query),
  });

  app.route({
    method: 'PUT',
    url: '/api/v1/admin/users/:id/roles',
    config: { policy: adminOnly },
    schema: { tags, summary: "Set an account's global roles (audited)", params: IdParams, body: RolesInput, response: { 200: z.object({ roles: z.array(RolesInput.shape.roles.element) }), 404: ErrorBody, 409: ErrorBody } },
    handler: async (request) => {
      const roles = await changeRoles(db, actorOf(request), request.params.id, request.body.roles);
      return { roles };
    },
  });

  registerTwoFactorRoutes(app, deps, { throttle, passCookies });
}
