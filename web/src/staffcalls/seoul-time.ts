/**
 * Times of a call as the campus states them: entered and shown in Seoul time whatever the browser's
 * own zone, sent as ISO 8601 with +09:00. Korea has kept UTC+9 without daylight saving since 1988,
 * so a fixed offset is exact for any call this software will hold.
 */

import { formatDateTime } from '../lib/format';

const SEOUL_OFFSET_MS = 9 * 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** '2026-03-01T09:00' (a datetime-local value, read as Seoul time) → '2026-03-01T09:00:00+09:00', or null if not a real time. */
export function fromSeoulInput(value: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-30 over to March: refuse instead of sending another day.
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || probe.getUTCHours() !== h || probe.getUTCMinutes() !== mi || probe.getUTCSeconds() !== s) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+09:00`;
}

/** Any ISO instant → the 'YYYY-MM-DDTHH:mm' it is in Seoul, for a datetime-local input. */
export function toSeoulInput(iso: string): string {
  const ms = new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '';
  const s = new Date(ms + SEOUL_OFFSET_MS);
  return `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** An instant for reading, in Seoul time and the reader's language. */
export function formatSeoul(iso: string, lang: 'ko' | 'en'): string {
  return formatDateTime(iso, lang);
}
