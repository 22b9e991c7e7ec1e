/**
 * The unsubscribe link of notices (RFC 8058). One address, two methods:
 * - GET shows a bilingual page with a button; it never unsubscribes (scanners prefetch links).
 * - POST unsubscribes: sent by a mail client's one-click button (body `List-Unsubscribe=One-Click`,
 *   no cookies, from the provider's servers) or by the page's form. It is public and exempt from
 *   the CSRF checks, as RFC 8058 requires: the signed token in the URL is the only credential,
 *   and the session is ignored. Both are counted per IP address.
 * Both answer with a page for people (text/html), also a 400 page for a link that is not genuine;
 * only a URL that is not even shaped like a link gets the API's usual JSON 400.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { publicAccess } from '../../core/access/policy.js';
import type { App } from '../../platform/http/server.js';
import { unsubscribeUrl } from '../../platform/mail/unsubscribe-token.js';
import type { ModuleDeps } from '../../platform/module.js';
import { DbRateLimiter, type RateLimiter } from '../../platform/rate-limit.js';
import { ErrorBody } from '../../shared/contracts/common.js';
import { UnsubscribePage, UnsubscribeQuery } from '../../shared/contracts/mail.js';
import { unsubscribePage, type UnsubscribePageState } from './page.js';
import { readLink, unsubscribe, type LinkState } from './unsubscribe.js';

/** Generous for people behind one address, tight for anyone walking tokens. */
const PER_IP = { limit: 30, windowMs: 60_000 };

function sendPage(request: FastifyRequest, reply: FastifyReply, status: number, state: UnsubscribePageState) {
  return (
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      // The token is in the address: no Referer leaves the page, and nothing caches it.
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .send(unsubscribePage(request.lang, state))
  );
}

const pageState = (link: LinkState, action: string, confirm: boolean): UnsubscribePageState =>
  !link.valid ? { kind: 'invalid' } : confirm && !link.optedOut ? { kind: 'confirm', email: link.email, category: link.category, action } : { kind: 'done', email: link.email, category: link.category };

export function registerMailRoutes(app: App, deps: ModuleDeps, limiter: RateLimiter = new DbRateLimiter(deps.db, 'mail-unsubscribe-ip', PER_IP.limit, PER_IP.windowMs)): void {
  const { db, config, mailSecret, now } = deps;
  const tags = ['mail (public)'];
  const responses = { 200: UnsubscribePage, 400: ErrorBody, 429: UnsubscribePage };
  const allowed = async (request: FastifyRequest) => (await limiter.hit(request.ip, now().getTime())).allowed;

  void app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // RFC 8058's body is a form field; its content is not needed (the token says everything).
    scope.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, undefined));

    scope.route({
      method: 'GET',
      url: '/api/v1/mail/unsubscribe',
      config: { policy: publicAccess, rateLimited: true },
      // The request log would write the URL, token included: only warnings and errors are logged here.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'The page of an unsubscribe link: what it stops and a button to confirm; changes nothing (a link that is not genuine gets a 400 page)',
        querystring: UnsubscribeQuery,
        response: responses,
      },
      handler: async (request, reply) => {
        if (!(await allowed(request))) return sendPage(request, reply, 429, { kind: 'too_many' });
        const link = await readLink(db, mailSecret, request.query.token);
        return sendPage(request, reply, link.valid ? 200 : 400, pageState(link, unsubscribeUrl(config.publicUrl, request.query.token), true));
      },
    });

    scope.route({
      method: 'POST',
      url: '/api/v1/mail/unsubscribe',
      config: { policy: publicAccess, rateLimited: true, csrfExempt: true },
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'One-click unsubscribe (RFC 8058): stops this category of notices to the address in the signed token; no cookies or CSRF token needed; answers with a confirmation page',
        querystring: UnsubscribeQuery,
        response: responses,
      },
      handler: async (request, reply) => {
        if (!(await allowed(request))) return sendPage(request, reply, 429, { kind: 'too_many' });
        // A browser posting our own form sends our Origin; a mail provider's one-click request does not.
        const source = request.headers.origin === new URL(config.publicUrl).origin ? 'link' : 'one_click';
        const link = await unsubscribe(db, mailSecret, request.query.token, source);
        return sendPage(request, reply, link.valid ? 200 : 400, pageState(link, '', false));
      },
    });
  });
}
