/**
 * Contracts of file uploads (answers to 'file' questions). The upload itself is a raw body
 * (application/octet-stream) with the original name in the `x-file-name` header, URI-encoded; its
 * kind is told from the bytes, never from the name or the Content-Type header.
 */
import { z } from 'zod';
import { Id } from './common.js';
import { Key } from './recruitment.js';

/** Which 'file' question of the call the upload answers. */
export const FileUploadQuery = z.strictObject({ question: Key });
export type FileUploadQueryT = z.infer<typeof FileUploadQuery>;

export const StoredFileView = z.object({
  id: Id,
  /** The name it is offered under: the uploader's, cleaned, ending in an extension of its real kind. */
  name: z.string(),
  size: z.number().int(),
  /** Told from the content: application/pdf, image/png, image/jpeg, Office Open XML, HWPX, HWP. */
  mediaType: z.string(),
  questionKey: z.string().nullable(),
  createdAt: z.string(),
});
export type StoredFileViewT = z.infer<typeof StoredFileView>;

export const StoredFileList = z.object({ files: z.array(StoredFileView) });
export type StoredFileListT = z.infer<typeof StoredFileList>;

/** The header carrying the original file name (encodeURIComponent of it). */
export const FILE_NAME_HEADER = 'x-file-name';
