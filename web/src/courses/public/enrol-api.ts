/**
 * Enrolling and cancelling. The shared client (lib/api.ts) sends no extra headers, and enrolment needs
 * `Idempotency-Key`, so this sends the request the same way (JSON, the reader's language, the CSRF
 * token echoed from its cookie) with that header added, and fails with the same ApiError.
 */
import type { EnrolmentViewT } from '../../../../src/shared/contracts/enrolment';
import { ApiError, del, type FieldError } from '../../lib/api';
import i18n from '../../lib/i18n';

function csrfToken(): string | undefined {
  return /(?:^|;\s*)oc_csrf=([^;]+)/.exec(document.cookie)?.[1];
}

/** POST /cohorts/:id/enrolment with the attempt's key: 201 with a seat or a waitlist place, 200 if already in. */
export async function requestEnrolment(cohortId: string, idempotencyKey: string): Promise<EnrolmentViewT> {
  let token = csrfToken();
  if (!token) {
    await fetch('/api/v1/me', { credentials: 'same-origin' });
    token = csrfToken();
  }
  const headers: Record<string, string> = {
    'accept-language': i18n.language,
    accept: 'application/json',
    'content-type': 'application/json',
    'idempotency-key': idempotencyKey,
  };
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`/api/v1/cohorts/${encodeURIComponent(cohortId)}/enrolment`, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: '{}',
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? i18n.t('server:errors.internal'), err?.fields ?? []);
  }
  return data as EnrolmentViewT;
}

export const cancelEnrolment = (cohortId: string) => del<EnrolmentViewT>(`/cohorts/${encodeURIComponent(cohortId)}/enrolment`);
