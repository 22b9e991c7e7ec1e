/**
 * Attendance by rotating code (docs/attendance.md), the pure part: when a session's check-in window is
 * open, which time step a code belongs to, how an HMAC digest becomes six digits, and attendance
 * rates. The HMAC itself is computed by the attendance module (node:crypto); time comes in as epoch
 * milliseconds, so every rule here is tested without a clock. See docs/attendance.md.
 */

/** Check-in opens this long before a session starts: people arrive early and scan the code at the door. */
export const CHECKIN_OPENS_BEFORE_MS = 15 * 60_000;

/** Digits of a code: 10^6 possibilities, two accepted at a time, guesses throttled per person. */
export const CODE_DIGITS = 6;

export interface CheckinWindow {
  /** Epoch ms, inclusive. */
  opensAt: number;
  /** Epoch ms, inclusive: the session's end. */
  closesAt: number;
}

export type WindowState = 'not_scheduled' | 'before' | 'open' | 'after';

/**
 * The check-in window of a session: from 15 minutes before its start until its end. A session
 * without times (not yet timetabled) has none.
 */
export function checkinWindow(startsAt: number | null, endsAt: number | null): CheckinWindow | null {
  if (startsAt === null || endsAt === null) return null;
  return { opensAt: startsAt - CHECKIN_OPENS_BEFORE_MS, closesAt: endsAt };
}

export function windowState(window: CheckinWindow | null, nowMs: number): WindowState {
  if (!window) return 'not_scheduled';
  if (nowMs < window.opensAt) return 'before';
  if (nowMs > window.closesAt) return 'after';
  return 'open';
}

/** The time step a moment falls in: floor(t / period). Codes rotate at each step. */
export function codeStep(nowMs: number, stepSeconds: number): number {
  if (!(stepSeconds > 0)) throw new RangeError('stepSeconds must be positive');
  return Math.floor(nowMs / (stepSeconds * 1000));
}

/** When the code of `step` stops being the current one (epoch ms). */
export function stepEndsAt(step: number, stepSeconds: number): number {
  return (step + 1) * stepSeconds * 1000;
}

/**
 * The steps whose codes a check-in at `nowMs` accepts: the current one and the one before, so a
 * code read just before it rotated (or a phone clock slightly behind) still counts. A code is
 * therefore valid for between one and two periods.
 */
export function acceptedSteps(nowMs: number, stepSeconds: number): [current: number, previous: number] {
  const current = codeStep(nowMs, stepSeconds);
  return [current, current - 1];
}

/** The step as the 8-byte big-endian counter that is HMAC'd (as in HOTP, RFC 4226). */
export function stepCounterBytes(step: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = Math.max(0, Math.floor(step));
  for (let i = 7; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/**
 * Six digits from an HMAC-SHA256 digest by dynamic truncation (RFC 4226 §5.3): four bytes at the
 * offset named by the last byte's low nibble, top bit cleared, modulo 10^6, left-padded with zeros.
 */
export function codeFromDigest(digest: Uint8Array): string {
  if (digest.length < 20) throw new RangeError('digest too short');
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = ((digest[offset]! & 0x7f) << 24) | (digest[offset + 1]! << 16) | (digest[offset + 2]! << 8) | digest[offset + 3]!;
  return String(binary % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, '0');
}

/** Whether `code` is exactly six ASCII digits (anything else is never compared). */
export function isWellFormedCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/** Compares two codes in time independent of where they differ (the inputs are short and fixed-length). */
export function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// ---------- rates ----------

export type AttendanceStatus = 'present' | 'absent' | 'excused';

export interface RateSession {
  id: string;
  /** Epoch ms, or null when not timetabled (never due). */
  startsAt: number | null;
}

export interface RateRecord {
  sessionId: string;
  userId: string;
  status: AttendanceStatus;
}

export interface Rate {
  /** Sessions that count: started sessions, minus those the person was excused from. */
  due: number;
  present: number;
  excused: number;
  /** present / due, or null when nothing is due yet. */
  rate: number | null;
}

export interface AttendanceRates {
  perParticipant: ({ userId: string } & Rate)[];
  perSession: ({ sessionId: string; started: boolean } & Rate)[];
  /** All present check-ins over all due participant-sessions. */
  cohort: Rate;
}

function rate(present: number, excused: number, started: number): Rate {
  const due = started - excused;
  return { due, present, excused, rate: due > 0 ? present / due : null };
}

/**
 * Attendance rates of a cohort at `nowMs`. Only sessions that have started are due; an excused
 * absence takes the session out of that person's due count (it neither helps nor hurts); no record
 * for a started session counts as absent. Records of people who are not members are ignored.
 */
export function attendanceRates(sessions: readonly RateSession[], memberIds: readonly string[], records: readonly RateRecord[], nowMs: number): AttendanceRates {
  const started = new Set(sessions.filter((s) => s.startsAt !== null && s.startsAt <= nowMs).map((s) => s.id));
  const members = new Set(memberIds);
  const byKey = new Map<string, AttendanceStatus>();
  for (const r of records) if (members.has(r.userId) && started.has(r.sessionId)) byKey.set(`${r.sessionId} ${r.userId}`, r.status);

  const count = (sessionIds: Iterable<string>, userIds: Iterable<string>) => {
    let present = 0;
    let excused = 0;
    let cells = 0;
    const users = [...userIds];
    for (const s of sessionIds) {
      for (const u of users) {
        cells += 1;
        const status = byKey.get(`${s} ${u}`);
        if (status === 'present') present += 1;
        else if (status === 'excused') excused += 1;
      }
    }
    return rate(present, excused, cells);
  };

  const startedOrdered = sessions.filter((s) => started.has(s.id)).map((s) => s.id);
  return {
    perParticipant: memberIds.map((userId) => ({ userId, ...count(startedOrdered, [userId]) })),
    perSession: sessions.map((s) => ({ sessionId: s.id, started: started.has(s.id), ...(started.has(s.id) ? count([s.id], memberIds) : rate(0, 0, 0)) })),
    cohort: count(startedOrdered, memberIds),
  };
}

// ---------- standing against the programme's minimum ----------

/**
 * Where a person's attendance so far stands against the programme's minimum rate: below it, at or
 * above it, or nothing due yet (no started session that was not excused). Every member is in
 * exactly one, so the staff filter never hides anyone from all three.
 */
export const ATTENDANCE_STANDINGS = ['below_minimum', 'meets_minimum', 'nothing_due'] as const;
export type AttendanceStanding = (typeof ATTENDANCE_STANDINGS)[number];

export function attendanceStanding(rate: number | null, minRate: number): AttendanceStanding {
  if (rate === null) return 'nothing_due';
  return rate < minRate ? 'below_minimum' : 'meets_minimum';
}
