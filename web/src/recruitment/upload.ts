/**
 * Uploading one file as the answer to a 'file' question. The JSON client in lib/api.ts cannot send
 * raw bytes, so this sends the file as it is (application/octet-stream, its name URI-encoded in
 * x-file-name) with the same language header and CSRF token. The server checks size and type from
 * the content; its refusals come back as ApiError like every other request's.
 */
import type { StoredFileListT, StoredFileViewT } from '../../../src/shared/contracts/files';
import { ApiError, del, get, type FieldError } from '../lib/api';
import i18n from '../lib/i18n';

export type UploadedFile = StoredFileViewT;

function csrfToken(): string | undefined {
  return /(?:^|;\s*)oc_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

/** A refusal's own message, or ours by status when the body is not the server's JSON (e.g. from a proxy). */
export function uploadErrorKey(status: number): string {
  if (status === 413) return 'recruitment:file.error.tooLarge';
  if (status === 415) return 'recruitment:file.error.type';
  if (status === 401) return 'server:errors.unauthenticated';
  if (status === 403) return 'server:errors.forbidden';
  if (status === 429) return 'web:common.error.rateLimited';
  return 'recruitment:file.error.failed';
}

export async function uploadAnswerFile(callId: string, questionKey: string, file: File): Promise<UploadedFile> {
  let token = csrfToken();
  if (!token) {
    // The server hands the token out with any response; a first request gets one, as api.ts does.
    await fetch('/api/v1/me', { credentials: 'same-origin' });
    token = csrfToken();
  }
  const headers: Record<string, string> = {
    'accept-language': i18n.language,
    accept: 'application/json',
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
  };
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(`/api/v1/calls/${encodeURIComponent(callId)}/my-application/files?question=${encodeURIComponent(questionKey)}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('web:common.error.network'));
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? i18n.t(uploadErrorKey(res.status)), err?.fields ?? []);
  }
  return data as UploadedFile;
}

/**
 * Removes an uploaded file; the server clears the answer with it. One that is already gone counts as
 * removed. A submitted application's required file can only be replaced (the server says so, 409).
 */
export async function deleteAnswerFile(id: string): Promise<void> {
  try {
    await del(`/files/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return;
    throw err;
  }
}

/** The files of my application to a call, to show their names and sizes next to the answers. */
export async function myFiles(callId: string): Promise<UploadedFile[]> {
  return (await get<StoredFileListT>(`/calls/${encodeURIComponent(callId)}/my-application/files`)).files;
}

/** Where the applicant (and staff, and assigned reviewers) download a stored file. */
export const fileUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`;
