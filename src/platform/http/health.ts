/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers). */
import { z } from 'zod';
import { publicAccess } from '../../core/access/policy.js';
import type { App } from './server.js';

export function registerHealth(app: App, ping: () => Promise<void>): void {
  app.route({
    method: 'GET',
    url: '/healthz',
    config: { policy: publicAccess },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.route({
    method: 'GET',
    url: '/readyz',
    config: { policy: publicAccess },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable') }) } },
    handler: async (request, reply) => {
      try {
        await ping();
        return { status: 'ready' as const };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });
}
