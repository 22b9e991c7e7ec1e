/**
 * Serves the built web app (dist/web): hashed assets with long caching, and index.html for every
 * other GET that is not an API path, with <html lang> set from the remembered language so screen
 * readers announce the right language before any script runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess } from '../../core/access/policy.js';
import type { App } from './server.js';
import { errorBody, statusFor } from './errors.js';

export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export async function registerWebApp(app: App, distDir: string): Promise<PageFallback> {
  const indexPath = path.join(distDir, 'index.html');
  const built = existsSync(indexPath);
  if (!built) app.log.warn({ distDir }, 'web app not built: run `npm run build:web`');
  const indexHtml = built ? readFileSync(indexPath, 'utf8') : '';

  await app.register(fastifyStatic, { root: built ? distDir : process.cwd(), serve: false });

  app.route({
    method: 'GET',
    url: '/assets/*',
    config: { policy: publicAccess },
    handler: (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      if (!built || file.includes('..')) return reply.status(statusFor('not_found')).send(errorBody(request.lang, 'not_found'));
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.join('assets', file));
    },
  });

  for (const file of ['favicon.svg', 'robots.txt']) {
    app.route({
      method: 'GET',
      url: `/${file}`,
      config: { policy: publicAccess },
      handler: (request, reply) => (built && existsSync(path.join(distDir, file)) ? reply.sendFile(file) : reply.status(statusFor('not_found')).send(errorBody(request.lang, 'not_found'))),
    });
  }

  /** index.html for a page address (GET, not API, not an asset), or null to let the caller answer 404. */
  return (request, reply) => {
    // A missing asset (say, a chunk from before a deploy) is a 404, not the HTML page in its place.
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/assets/') || !built) return null;
    const html = indexHtml.replace(/<html lang="[a-z]+"/, `<html lang="${request.lang}"`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
}
