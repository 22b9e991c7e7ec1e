/**
 * Uploading a material file as a raw body (the JSON client cannot send bytes): the name URI-encoded
 * in x-file-name, the same language header and CSRF token as every other request. Refusals come
 * back as ApiError with the server's message.
 */
import type { MaterialViewT } from '../../../../src/shared/contracts/courses';
import { ApiError, type FieldError } from '../../lib/api';
import i18n from '../../lib/i18n';

function csrfToken(): string | undefined {
  return /(?:^|;\s*)oc_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

export async function uploadMaterial(cohortId: string, file: File, query: { sessionId?: string; titleKo?: string; titleEn?: string }): Promise<MaterialViewT> {
  let token = csrfToken();
  if (!token) {
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
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const qs = params.toString();
  let res: Response;
  try {
    res = await fetch(`/api/v1/admin/cohorts/${encodeURIComponent(cohortId)}/materials/file${qs ? `?${qs}` : ''}`, { method: 'POST', headers, credentials: 'same-origin', body: file });
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
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? i18n.t('courses:staff.materials.uploadFailed'), err?.fields ?? []);
  }
  return data as MaterialViewT;
}
