/**
 * HTTP routes of files. The upload takes the raw bytes (application/octet-stream) rather than a
 * multipart form: no parser for form parts, the size cap applies to the file itself, and the kind
 * comes from the bytes. Its content-type parser lives in this plugin only, so every other route
 * still takes JSON alone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedIn } from '../../core/access/policy.js';
import { contentDisposition, formatMegabytes } from '../../core/files/sniff.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { AccessActor } from '../../platform/access-log.js';
import { localFileStorage, type FileStorage } from '../../platform/files/storage.js';
import { HttpError } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import { FILE_NAME_HEADER, FileUploadQuery, StoredFileList, StoredFileView } from '../../shared/contracts/files.js';
import * as uc from './use-cases.js';

/** The file's bytes; streamed as they are (Fastify serialises objects only). */
const FileBytes = z.unknown().describe('The file, with the media type told from its content');

const me = (request: FastifyRequest): string => request.principal!.userId;
const readerOf = (request: FastifyRequest): AccessActor => ({ userId: request.principal!.userId, roles: request.principal!.roles, ip: request.ip });

/** The sender's name for the file, URI-decoded; a malformed encoding is refused with the header named. */
function fileNameOf(request: FastifyRequest): string {
  const raw = request.headers[FILE_NAME_HEADER];
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(Array.isArray(raw) ? raw.join(',') : raw).slice(0, 1000);
  } catch {
    throw new DomainError('files.name_invalid', {}, FILE_NAME_HEADER);
  }
}

/**
 * Reads the raw body up to `max` bytes. Over the cap the upload stops at once with files.too_large
 * (413), announced by Content-Length or found while reading, so nothing larger is ever buffered.
 */
function rawBodyParser(max: number) {
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

export function registerFilesRoutes(app: App, deps: ModuleDeps, storage: FileStorage = localFileStorage(deps.config.filesDir)): void {
  const { db, now, config } = deps;
  const tags = ['files'];

  void app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/octet-stream', rawBodyParser(config.uploadMaxBytes));

    scope.route({
      method: 'POST',
      url: '/api/v1/calls/:id/my-application/files',
      config: { policy: signedIn },
      schema: {
        tags,
        summary: `Upload the answer to a 'file' question of my application: the raw bytes as application/octet-stream, the original name URI-encoded in the ${FILE_NAME_HEADER} header. PDF, PNG, JPEG, DOCX, XLSX, PPTX, HWPX or HWP, told from the content; replaces an earlier file for the question and sets the answer to the new file's id; only while the call is open`,
        params: IdParams,
        querystring: FileUploadQuery,
        response: { 201: StoredFileView, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
      handler: async (request, reply) => {
        // A JSON body reaches here parsed by the app-wide parser: files come only as raw bytes.
        if (request.body !== undefined && request.body !== null && !Buffer.isBuffer(request.body)) throw new HttpError(415, 'unsupported_media_type');
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const file = await uc.uploadMyFile(db, storage, {
          userId: me(request),
          callId: request.params.id,
          questionKey: request.query.question,
          name: fileNameOf(request),
          bytes,
          maxBytes: config.uploadMaxBytes,
          now: now(),
          log: (err) => request.log.error({ err }, 'removing uploaded bytes failed'),
        });
        return reply.status(201).send(file);
      },
    });

    scope.route({
      method: 'GET',
      url: '/api/v1/calls/:id/my-application/files',
      config: { policy: signedIn },
      schema: { tags, summary: 'The files of my application to this call', params: IdParams, response: { 200: StoredFileList, 404: ErrorBody } },
      handler: async (request) => ({ files: await uc.myFiles(db, me(request), request.params.id) }),
    });

    scope.route({
      method: 'GET',
      url: '/api/v1/files/:id',
      config: { policy: signedIn },
      schema: {
        tags,
        summary: "Download a file (always as an attachment): its owner, staff and reviewers assigned to its application; staff and reviewer downloads are access-logged. Anyone else gets 404, as for an id that does not exist",
        params: IdParams,
        response: { 200: FileBytes, 404: ErrorBody },
      },
      handler: async (request, reply) => {
        const { file, stream } = await uc.downloadFile(db, storage, readerOf(request), request.params.id);
        return reply
          .header('content-type', file.mediaType)
          .header('content-length', String(file.size))
          .header('content-disposition', contentDisposition(file.name))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          // Should a browser render it anyway, it runs nothing and loads nothing.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(stream);
      },
    });

    scope.route({
      method: 'DELETE',
      url: '/api/v1/files/:id',
      config: { policy: signedIn },
      schema: { tags, summary: 'Delete my file while the call is open (a required answer of a submitted application can only be replaced)', params: IdParams, response: { 200: Ok, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody } },
      handler: async (request) => {
        await uc.deleteMyFile(db, storage, me(request), request.params.id, now(), (err) => request.log.error({ err }, 'removing deleted bytes failed'));
        return { ok: true as const };
      },
    });
  });
}
