/**
 * Use cases of attendance: the rotating code staff show in the room, participants' check-ins,
 * staff corrections and the rates of a cohort.
 *
 * Decisions (docs/attendance.md): the window runs from 15 minutes before a session starts to its
 * end, for showing codes and for checking in alike; the current and the previous code are accepted;
 * someone checks in once (a repeat answers with the record there already, whatever its method);
 * only the cohort's people reach a session, everyone else gets "not found" as for a missing id;
 * wrong codes are throttled per person; a staff correction always carries a reason and is audited
 * with the record before and after.
 */
import { uuidv7 } from 'uuidv7';
import { CHECKIN_OPENS_BEFORE_MS, attendanceRates, attendanceStanding, checkinWindow, codeStep, stepEndsAt, windowState, type CheckinWindow } from '../../core/courses/attendance-code.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { attendance } from '../../platform/db/schema/index.js';
import type { AttendanceCorrectionResultT, AttendanceCorrectionT, AttendanceRecordViewT, CheckinCodeViewT, CheckinInputT, CheckinResultT, CohortAttendanceQueryT, CohortAttendanceViewT, CohortRatesViewT } from '../../shared/contracts/attendance.js';
import { cohortMembers, isCohortMember } from '../courses/public.js';
import { attendanceCode, checkinUrl, codeMatches, qrSvg } from './codes.js';
import { certificateAfterCorrection } from './cohort-completion.js';
import { matchesText, pageOfMembers } from './member-page.js';
import { attendanceOf, attendanceOfSessions, cohortWithProgramme, sessionById, sessionsInWindow, sessionsOfCohort, type AttendanceRow, type SessionRow } from './repository.js';
import type { CheckinThrottle } from './throttle.js';

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentRecord(row: AttendanceRow): AttendanceRecordViewT {
  return { id: row.id, sessionId: row.sessionId, userId: row.userId, status: row.status, method: row.method, reason: row.reason, at: row.at.toISOString() };
}

function windowOf(session: SessionRow): CheckinWindow | null {
  return checkinWindow(ms(session.startsAt), ms(session.endsAt));
}

/** Refuses, with the reason and the times, when the window is not open at `nowMs`. */
function assertWindowOpen(session: SessionRow, nowMs: number): CheckinWindow {
  const window = windowOf(session);
  switch (windowState(window, nowMs)) {
    case 'open':
      return window!;
    case 'not_scheduled':
      throw new DomainError('attendance.state_not_scheduled');
    case 'before':
      throw new DomainError('attendance.state_not_open', { opensAt: new Date(window!.opensAt) });
    case 'after':
      throw new DomainError('attendance.state_closed', { closedAt: new Date(window!.closesAt) });
  }
}

// ---------- staff: the code ----------

/** The current code of a session with its QR code; only while check-in is open (409 otherwise). */
export async function checkinCode(db: DbOrTx, config: Pick<Config, 'publicUrl' | 'attendanceCodeSeconds'>, sessionId: string, now: Date): Promise<CheckinCodeViewT> {
  const session = await sessionById(db, sessionId);
  if (!session) throw new DomainError('attendance.session_not_found');
  const nowMs = now.getTime();
  const window = assertWindowOpen(session, nowMs);
  const period = config.attendanceCodeSeconds;
  const step = codeStep(nowMs, period);
  const code = attendanceCode(session.checkinSecret, step);
  const url = checkinUrl(config.publicUrl, session.id, code);
  return {
    sessionId: session.id,
    code,
    checkinUrl: url,
    qrSvg: await qrSvg(url),
    rotationSeconds: period,
    validFrom: new Date(step * period * 1000).toISOString(),
    rotatesAt: new Date(stepEndsAt(step, period)).toISOString(),
    window: { opensAt: new Date(window.opensAt).toISOString(), closesAt: new Date(window.closesAt).toISOString() },
  };
}

// ---------- participants: checking in ----------

/** 429 with Retry-After: the edge turns the `seconds` of a too-many refusal into the header. */
function tooMany(seconds: number): DomainError {
  return new DomainError('attendance.too_many_attempts', { seconds });
}

function checkinSession(session: SessionRow) {
  return { id: session.id, cohortId: session.cohortId, title: session.title, startsAt: iso(session.startsAt), endsAt: iso(session.endsAt) };
}

/** A session this person may check in to, or "not found" (the same answer as for a missing id). */
async function memberSession(db: DbOrTx, userId: string, sessionId: string): Promise<SessionRow> {
  const session = await sessionById(db, sessionId);
  if (!session || !(await isCohortMember(db, session.cohortId, userId))) throw new DomainError('attendance.session_not_found');
  return session;
}

/** Open sessions of the cohorts this person belongs to, for a code typed without a session. */
async function openSessionsOf(db: DbOrTx, userId: string, now: Date): Promise<SessionRow[]> {
  // Few sessions are open at any moment (one per cohort at most, in practice): list them, then keep
  // those of cohorts this person is in.
  const open = await sessionsInWindow(db, now, CHECKIN_OPENS_BEFORE_MS);
  const memberOf = new Map<string, boolean>();
  const mine: SessionRow[] = [];
  for (const s of open) {
    if (!memberOf.has(s.cohortId)) memberOf.set(s.cohortId, await isCohortMember(db, s.cohortId, userId));
    if (memberOf.get(s.cohortId)) mine.push(s);
  }
  return mine;
}

/** Records the check-in once; a second one (or a staff record already there) is returned as it is. */
async function recordCheckin(db: DbOrTx, session: SessionRow, userId: string, now: Date): Promise<CheckinResultT> {
  const inserted = await db
    .insert(attendance)
    .values({ id: uuidv7(), sessionId: session.id, userId, status: 'present', method: 'code', reason: null, recordedBy: userId, at: now })
    .onConflictDoNothing({ target: [attendance.sessionId, attendance.userId] })
    .returning();
  if (inserted[0]) return { created: true, attendance: presentRecord(inserted[0]), session: checkinSession(session) };
  const existing = (await attendanceOf(db, session.id, userId))!;
  return { created: false, attendance: presentRecord(existing), session: checkinSession(session) };
}

export interface CheckinDeps {
  db: DbOrTx;
  throttle: CheckinThrottle;
  config: Pick<Config, 'attendanceCodeSeconds'>;
}

/**
 * A participant checks in with the code shown in the room. With the session id (from the QR link)
 * the code is checked against that session; without it, against every open session of the
 * person's cohorts. Order matters: membership first (not found), then an existing record (answered
 * as it is), then the throttle, the window and the code.
 */
export async function checkIn({ db, throttle, config }: CheckinDeps, userId: string, input: CheckinInputT, now: Date): Promise<CheckinResultT> {
  const nowMs = now.getTime();
  const period = config.attendanceCodeSeconds;
  if (input.sessionId) {
    const session = await memberSession(db, userId, input.sessionId);
    const existing = await attendanceOf(db, session.id, userId);
    if (existing) return { created: false, attendance: presentRecord(existing), session: checkinSession(session) };
    const blocked = await throttle.blockedFor(userId, nowMs);
    if (blocked !== null) throw tooMany(blocked);
    assertWindowOpen(session, nowMs);
    if (!codeMatches(session.checkinSecret, input.code, nowMs, period)) throw await wrongCode(throttle, userId, nowMs);
    return recordCheckin(db, session, userId, now);
  }
  const blocked = await throttle.blockedFor(userId, nowMs);
  if (blocked !== null) throw tooMany(blocked);
  const open = await openSessionsOf(db, userId, now);
  if (open.length === 0) throw new DomainError('attendance.state_no_open_session');
  const session = open.find((s) => codeMatches(s.checkinSecret, input.code, nowMs, period));
  if (!session) throw await wrongCode(throttle, userId, nowMs);
  return recordCheckin(db, session, userId, now);
}

async function wrongCode(throttle: CheckinThrottle, userId: string, nowMs: number): Promise<Error> {
  const blockedFor = await throttle.wrongCode(userId, nowMs);
  if (blockedFor !== null) return tooMany(blockedFor);
  return new DomainError('attendance.code_invalid', {}, 'code');
}

// ---------- staff: corrections and rates ----------

/**
 * Staff set a participant's attendance by hand (present, absent or excused) with a reason. The
 * record is created or overwritten, and the audit entry carries it before and after, in the same
 * transaction. Only the cohort's people can have a record. When the person holds a certificate of
 * the cohort, the answer says whether they still meet the rules after the correction (and whether
 * this correction is what changed that); the certificate itself is left as it is.
 */
export async function correctAttendance(db: Db, actor: Actor, sessionId: string, userId: string, input: AttendanceCorrectionT, now: Date): Promise<AttendanceCorrectionResultT> {
  const session = await sessionById(db, sessionId);
  if (!session) throw new DomainError('attendance.session_not_found');
  if (!(await isCohortMember(db, session.cohortId, userId))) throw new DomainError('attendance.member_not_found');
  return db.transaction(async (tx) => {
    const before = await attendanceOf(tx, sessionId, userId);
    const values = { status: input.status, method: 'manual' as const, reason: input.reason, recordedBy: actor.userId, at: now };
    const [row] = await tx
      .insert(attendance)
      .values({ id: uuidv7(), sessionId, userId, ...values })
      .onConflictDoUpdate({ target: [attendance.sessionId, attendance.userId], set: values })
      .returning();
    const after = presentRecord(row!);
    await recordAudit(tx, actor, {
      action: 'attendance.correct',
      entityType: 'attendance',
      entityId: row!.id,
      before: before ? presentRecord(before) : null,
      after: { ...after, recordedBy: actor.userId, cohortId: session.cohortId },
    });
    return { ...after, certificate: await certificateAfterCorrection(tx, session.cohortId, sessionId, userId, before, now) };
  });
}

/** Every member's rates and statuses, the session rates and the cohort rate at `now` (only started sessions are due). */
async function ratesOfCohort(db: DbOrTx, cohortId: string, now: Date) {
  const found = await cohortWithProgramme(db, cohortId);
  if (!found) throw new DomainError('attendance.cohort_not_found');
  const [members, sessions] = await Promise.all([cohortMembers(db, cohortId), sessionsOfCohort(db, cohortId)]);
  const records = await attendanceOfSessions(
    db,
    sessions.map((s) => s.id),
  );
  const rates = attendanceRates(
    sessions.map((s) => ({ id: s.id, startsAt: ms(s.startsAt) })),
    members.map((m) => m.userId),
    records,
    now.getTime(),
  );
  const statuses = new Map<string, Record<string, AttendanceRow['status']>>();
  for (const r of records) {
    const mine = statuses.get(r.userId) ?? {};
    mine[r.sessionId] = r.status;
    statuses.set(r.userId, mine);
  }
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const summary: CohortRatesViewT = {
    cohortId,
    at: now.toISOString(),
    minRate: found.programme.completionRule.minAttendanceRate,
    sessions: rates.perSession.map((r) => {
      const s = sessionById.get(r.sessionId)!;
      return { ...r, type: s.type, title: s.title, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) };
    }),
    cohort: rates.cohort,
  };
  const people = rates.perParticipant.map((r, i) => ({ ...r, name: members[i]!.name, email: members[i]!.email, statuses: statuses.get(r.userId) ?? {} }));
  return { summary, people };
}

/** The rates per session and of the cohort, without naming anyone (so nothing to access-log). */
export async function cohortRates(db: DbOrTx, cohortId: string, now: Date): Promise<CohortRatesViewT> {
  return (await ratesOfCohort(db, cohortId, now)).summary;
}

/**
 * One page of the cohort's people with their rates (by name, filtered by `q` and by standing
 * against the programme's minimum), with the session and cohort rates, which count every member.
 * The page names people with their attendance, so the staff read of those on it is access-logged.
 */
export async function cohortAttendance(db: DbOrTx, accessor: AccessActor, cohortId: string, query: CohortAttendanceQueryT, now: Date): Promise<CohortAttendanceViewT> {
  const { summary, people } = await ratesOfCohort(db, cohortId, now);
  const q = query.q || undefined;
  const { items, total } = pageOfMembers(people, (p) => matchesText(q, p) && (!query.standing || attendanceStanding(p.rate, summary.minRate) === query.standing), query);
  if (items.length > 0) {
    await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: items.map((m) => m.userId), detail: { cohortId, list: 'attendance', page: query.page } });
  }
  return { items, total, page: query.page, pageSize: query.pageSize, ...summary };
}
