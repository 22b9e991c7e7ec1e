/**
 * iCalendar text (RFC 5545) for the course calendars (docs/calendars.md): one VCALENDAR with the
 * Asia/Seoul VTIMEZONE and one VEVENT per session. Pure: instants come in as epoch milliseconds and
 * are turned into text by civil-day arithmetic (no Date, no clock), so the same sessions always give
 * the same bytes — calendar apps compare UID + SEQUENCE, and a feed that changes on every request
 * only costs them bandwidth. docs/calendars.md explains the choices (multi-day sessions, DTSTAMP).
 */
import { civilFromDays } from './calendar.js';

/** The one zone of the project. Korea has kept no daylight saving time since 1988: one fixed offset. */
export const SEOUL_TZID = 'Asia/Seoul';
const SEOUL_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

export interface IcalEvent {
  /** Globally unique and stable across feeds and requests (`<sessionId>@<host>`). */
  readonly uid: string;
  /** Revision: raised whenever the time or place changes, so subscribers replace the event. */
  readonly sequence: number;
  /** Epoch ms of the first day's start and end (shown in Asia/Seoul wall-clock time). */
  readonly start: number;
  readonly end: number;
  /** Consecutive days at the same hours (the 3-day field study): one event repeated daily. Default 1. */
  readonly days?: number;
  /** Epoch ms of the last change to the event (DTSTAMP and LAST-MODIFIED). */
  readonly modified: number;
  /** Epoch ms of creation (CREATED), optional. */
  readonly created?: number;
  readonly summary: string;
  readonly location?: string | null;
  readonly description?: string | null;
  readonly url?: string | null;
  readonly categories?: readonly string[];
}

export interface IcalCalendar {
  /** PRODID, e.g. '-//Open Campus//Courses//KO'. */
  readonly prodId: string;
  /** Shown by calendar apps as the calendar's name (X-WR-CALNAME). */
  readonly name: string;
  readonly description?: string | null;
  readonly events: readonly IcalEvent[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYYMMDDTHHMMSS' of an instant shifted by `offsetMs` (whole seconds; milliseconds are dropped). */
function dateTime(ms: number, offsetMs: number): string {
  const local = Math.floor((ms + offsetMs) / 1000) * 1000;
  const days = Math.floor(local / DAY_MS);
  const c = civilFromDays(days);
  const secs = Math.floor((local - days * DAY_MS) / 1000);
  return `${pad(c.year, 4)}${pad(c.month)}${pad(c.day)}T${pad(Math.floor(secs / 3600))}${pad(Math.floor(secs / 60) % 60)}${pad(secs % 60)}`;
}

/** Local wall-clock time in Asia/Seoul, for DTSTART;TZID=Asia/Seoul. */
export function seoulDateTime(ms: number): string {
  return dateTime(ms, SEOUL_OFFSET_MS);
}

/** UTC time with the 'Z' suffix, for DTSTAMP, CREATED and LAST-MODIFIED (which must be UTC). */
export function utcDateTime(ms: number): string {
  return `${dateTime(ms, 0)}Z`;
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break as \n.
 * Other control characters are dropped: they are not allowed in TEXT, and a stray CR could end the
 * property early (injection of properties through a session title).
 */
export function escapeText(value: string): string {
  return withoutControls(value.replace(/\r\n|\r|\n/g, '\n'), true)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Drops C0 control characters and DEL, keeping tab (allowed in TEXT) and, if asked, line feeds. */
function withoutControls(value: string, keepLineFeed = false): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    const control = code < 0x20 || code === 0x7f;
    if (!control || code === 0x09 || (keepLineFeed && code === 0x0a)) out += ch;
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets of UTF-8 (RFC 5545 §3.1): continuation lines begin with one
 * space, which counts toward their 75. Never splits a multi-byte character (Hangul takes 3 octets),
 * so each physical line stays valid UTF-8.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The Asia/Seoul time zone: one STANDARD observance at +0900 (RFC 5545 §3.6.5). */
export function seoulTimezone(): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${SEOUL_TZID}`,
    `X-LIC-LOCATION:${SEOUL_TZID}`,
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0900',
    'TZOFFSETTO:+0900',
    'TZNAME:KST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

function eventLines(e: IcalEvent): string[] {
  const days = Math.max(1, Math.floor(e.days ?? 1));
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${utcDateTime(e.modified)}`,
    `DTSTART;TZID=${SEOUL_TZID}:${seoulDateTime(e.start)}`,
    `DTEND;TZID=${SEOUL_TZID}:${seoulDateTime(e.end)}`,
  ];
  // Several consecutive days at the same hours: one event (one UID, one SEQUENCE) repeated daily, so
  // each day shows its real hours instead of one block running through the nights.
  if (days > 1) lines.push(`RRULE:FREQ=DAILY;COUNT=${days}`);
  lines.push(`SEQUENCE:${Math.max(0, Math.floor(e.sequence))}`, `SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${withoutControls(e.url).replace(/\t/g, '')}`);
  if (e.categories && e.categories.length > 0) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.created !== undefined) lines.push(`CREATED:${utcDateTime(e.created)}`);
  lines.push(`LAST-MODIFIED:${utcDateTime(e.modified)}`, 'STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** The whole calendar as iCalendar text: CRLF line ends, folded lines, events in the given order. */
export function buildCalendar(cal: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(cal.prodId)}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${SEOUL_TZID}`,
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${escapeText(cal.description)}`);
  lines.push(...seoulTimezone());
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
