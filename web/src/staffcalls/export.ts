/**
 * Exports of a call's applications: the reason asked for (kept in the personal-data access log, 5–500
 * characters as the server requires) and the download itself, fetched so a refusal can be shown in
 * the dialog instead of replacing the page with an error document.
 */
export type ExportFormat = 'xlsx' | 'csv';

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** The quick check of a reason: a message key in the 'staffcalls' namespace, or null. */
export function reasonIssue(reason: string): { key: string; params?: Record<string, number> } | null {
  const r = reason.trim();
  if (r === '') return { key: 'export.reasonRequired' };
  if ([...r].length < REASON_MIN) return { key: 'export.reasonShort', params: { min: REASON_MIN } };
  if ([...r].length > REASON_MAX) return { key: 'export.reasonLong', params: { max: REASON_MAX } };
  return null;
}

/** What is exported: a call's applications, or its review scores. */
export type ExportWhat = 'applications' | 'scores';

/** The API path of an export with its reason (relative to /api/v1). */
export function exportPath(callId: string, format: ExportFormat, reason: string, what: ExportWhat = 'applications'): string {
  return `/admin/calls/${encodeURIComponent(callId)}/${what}/export.${format}?${new URLSearchParams({ reason: reason.trim() }).toString()}`;
}

/** The file name the server proposes in Content-Disposition, or a fallback. */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
  if (!m?.[1]) return fallback;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
