/**
 * HTTP routes of files: uploads for 'file' questions (raw bytes, see platform/http/raw-body.ts) and
 * downloads for the owner, staff and that application's reviewers.
 */
import { z } from 'zod';
import { signedIn } from '../../core/access/policy.js';
import { localFileStorage, type FileStorage } from '../../platform/files/storage.js';
import { fileNameOf, sendAttachment, uploadedBytes, withRawUploads } from '../../platform/http/raw-body.js';
import { accessorOf, me } from '../../platform/http/request.js';
import type { App } from '../../platform/http/server.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ErrorBody, IdParams, Ok } from '../../shared/contracts/common.js';
import { FILE_NAME_HEADER, FileUploadQuery, StoredFileList, StoredFileView } from '../../shared/contracts/files.js';
import * as uc from './use-cases.js';

/** The file's bytes; streamed as they are (Fastify serialises objects only). */
const FileBytes = z.unknown().describe('The file, with the media type told from its content');

export function registerFilesRoutes(app: App, deps: ModuleDeps, storage: FileStorage = localFileStorage(deps.config.filesDir)): void {
  const { db, now, config } = deps;
  const tags = ['files'];

  withRawUploads(app, config.uploadMaxBytes, (scope) => {
    scope.route({
      method: 'POST',
      url: '/api/v1/calls/:id/my-application/files',
      config: { policy: signedIn, verifiedEmail: true },
      schema: {
        tags,
        summary: `Upload the answer to a 'file' question of my application: the raw bytes as application/octet-stream, the original name URI-encoded in the ${FILE_NAME_HEADER} header. PDF, PNG, JPEG, DOCX, XLSX, PPTX, HWPX or HWP, told from the content; replaces an earlier file for the question and sets the answer to the new file's id; only while the call is open`,
        params: IdParams,
        querystring: FileUploadQuery,
        response: { 201: StoredFileView, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
      handler: async (request, reply) => {
        const bytes = uploadedBytes(request);
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
        const { file, stream } = await uc.downloadFile(db, storage, accessorOf(request), request.params.id);
        return sendAttachment(reply, file, stream);
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
