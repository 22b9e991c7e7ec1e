/**
 * The one way the web app talks to the server: /api/v1 with JSON, the request's language, and the
 * CSRF token echoed from its cookie. Errors arrive as ApiError with the server's localized message
 * and field messages, ready to show next to the inputs.
 */
import i18n from './i18n';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field messages keyed by path ("title.ko" → message), for form inputs. */
  fieldMap(): Record<string, string> {
    return Object.fromEntries(this.fields.map((f) => [f.path, f.message]));
  }
}

function csrfToken(): string | undefined {
  return /(?:^|;\s*)oc_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

export interface RequestOptions {
  /** Sent besides the usual ones, e.g. `Idempotency-Key` on enrolment. */
  headers?: Record<string, string>;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': i18n.language, accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    let token = csrfToken();
    if (!token) {
      await fetch('/api/v1/me', { credentials: 'same-origin' });
      token = csrfToken();
    }
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const data = parseJson(await res.text());
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? i18n.t('server:errors.internal'), err?.fields ?? []);
  }
  return data as T;
}

/** A body that is not JSON (a proxy's error page) counts as none, so a failure still becomes an ApiError. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, undefined, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('POST', path, body ?? {}, options);
export const put = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('PUT', path, body ?? {}, options);
export const patch = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('PATCH', path, body ?? {}, options);
export const del = <T>(path: string, options?: RequestOptions) => api<T>('DELETE', path, undefined, options);
