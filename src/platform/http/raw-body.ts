/**
 * File bytes over HTTP. Uploads take the raw bytes (application/octet-stream) rather than a
 * multipart form: no parser for form parts, the size cap applies to the file itself, and the kind
 * comes from the bytes. `withRawUploads` gives a plugin scope its own parser, so every other route
 * still takes JSON alone. Downloads go out as attachments that a browser will neither sniff nor run.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { contentDisposition, formatMegabytes } from '../../core/files/sniff.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { FILE_NAME_HEADER } from '../../shared/contracts/files.js';
import { HttpError } from './errors.js';
import type { App } from './server.js';

/**
 * Reads the raw body up to `max` bytes. Over the cap the upload stops at once with files.too_large
 * (413), announced by Content-Length or found while reading, so nothing larger is ever buffered.
 */
export function rawBodyParser(max: number) {
  return (request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const tooLarge = () => new DomainError('files.too_large', { max: formatMegabytes(max) });
      const declared = Number(request.headers['content-length']);
      // The rest of the body is left for Node to discard, so the client still reads the 413
      // instead of a reset connection.
      if (Number.isFinite(declared) && declared > max) return reject(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer | string) => {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += buf.length;
        if (size > max) {
          payload.removeListener('data', onData);
          payload.removeListener('end', onEnd);
          payload.resume();
          reject(tooLarge());
          return;
        }
        chunks.push(buf);
      };
      const onEnd = () => resolve(Buffer.concat(chunks, size));
      payload.on('data', onData);
      payload.once('end', onEnd);
      payload.once('error', reject);
    });
}

/** Registers upload routes in a scope of their own that reads application/octet-stream up to `maxBytes`. */
export function withRawUploads(app: App, maxBytes: number, register: (scope: App) => void): void {
  void app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/octet-stream', rawBodyParser(maxBytes));
    register(scope);
  });
}

/** The uploaded bytes (none for an empty body). */
export function uploadedBytes(request: FastifyRequest): Buffer {
  // A JSON body reaches here parsed by the app-wide parser: files come only as raw bytes.
  if (request.body !== undefined && request.body !== null && !Buffer.isBuffer(request.body)) throw new HttpError('unsupported_media_type');
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** The sender's name for the file, URI-decoded; a malformed encoding is refused with the header named. */
export function fileNameOf(request: FastifyRequest): string {
  const raw = request.headers[FILE_NAME_HEADER];
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(Array.isArray(raw) ? raw.join(',') : raw).slice(0, 1000);
  } catch {
    throw new DomainError('files.name_invalid', {}, FILE_NAME_HEADER);
  }
}

/** Sends stored bytes as an attachment under their original name. */
export function sendAttachment(reply: FastifyReply, file: { mediaType: string; size: number; name: string }, stream: Readable) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    // Should a browser render it anyway, it runs nothing and loads nothing.
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}
