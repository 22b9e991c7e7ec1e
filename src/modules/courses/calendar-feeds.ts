/**
 * iCalendar feeds (docs/calendars.md): a course's timetable (public once the cohort is published),
 * and personal feeds for participants and lecturers behind secret token URLs (calendar apps send
 * no cookies). Tokens are 256-bit random, shown once and stored as SHA-256 hashes; making a new one
 * replaces (revokes) the old. The text comes from the pure builder in src/core/courses/ical.ts;
 * docs/calendars.md describes the choices.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { buildCalendar, type IcalEvent } from '../../core/courses/ical.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { installationId } from '../../platform/instance.js';
import { calendarTokens, cohorts, courseSessions, enrolments, participants, rooms, sessionLecturers, users } from '../../platform/db/schema/index.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { withLecturers, type SessionInfo } from './timetable-problem.js';
import type { FeedKindT } from '../../shared/contracts/calendars.js';

/** Which feed a secret token opens (the contract's FeedKind). */
export type FeedKind = FeedKindT;

const DAY_MS = 86_400_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface CohortTitle {
  id: string;
  title: LocalizedText;
  place: LocalizedText;
}

/** The events of timetabled sessions, in time order. */
async function events(db: DbOrTx, lang: Lang, sessions: readonly SessionInfo[], cohortById: Map<string, CohortTitle>, modifiedOf: Map<string, { created: Date; updated: Date }>): Promise<IcalEvent[]> {
  // Not PUBLIC_URL's host: a calendar app keys events by UID, so a new address would duplicate every one.
  const domain = `${await installationId(db)}.open-campus`;
  const roomIds = [...new Set(sessions.map((s) => s.roomId).filter((r): r is string => r !== null))];
  const roomRows = roomIds.length === 0 ? [] : await db.select().from(rooms).where(inArray(rooms.id, roomIds));
  const roomById = new Map(roomRows.map((r) => [r.id, r] as const));
  const say = (t: LocalizedText) => pickText(t, lang).text;
  return sessions
    .filter((s) => s.startsAt && s.endsAt)
    .sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime() || a.id.localeCompare(b.id))
    .map((s) => {
      const start = s.startsAt!.getTime();
      const days = Math.max(1, s.days);
      // endsAt is the end on the block's last day; each day runs the same hours (Seoul keeps no DST, so whole days shift exactly).
      let end = s.endsAt!.getTime() - (days - 1) * DAY_MS;
      if (end <= start) end = start + s.durationMinutes * 60_000;
      const room = s.roomId ? roomById.get(s.roomId) : undefined;
      const cohort = cohortById.get(s.cohortId);
      const location = room ? `${say(room.name)}, ${say(room.place)}` : s.placeText ? say(s.placeText) : cohort ? say(cohort.place) : null;
      const lines: string[] = [];
      if (cohort) lines.push(translate(lang, 'courses.calendar.course', { title: say(cohort.title) }));
      if (s.lecturerNames.length > 0) lines.push(translate(lang, 'courses.calendar.lecturers', { names: s.lecturerNames.join(', ') }));
      const stamps = modifiedOf.get(s.id)!;
      return {
        uid: `${s.id}@${domain}`,
        sequence: s.sequence,
        start,
        end,
        days,
        modified: stamps.updated.getTime(),
        created: stamps.created.getTime(),
        summary: say(s.title),
        location,
        description: lines.join('\n'),
        categories: [s.type],
      };
    });
}

async function sessionsOf(db: DbOrTx, cohortIds: readonly string[], onlyIds?: readonly string[]) {
  if (cohortIds.length === 0 && !onlyIds) return { infos: [], stamps: new Map<string, { created: Date; updated: Date }>() };
  const where = onlyIds ? inArray(courseSessions.id, onlyIds.length > 0 ? [...onlyIds] : ['00000000-0000-0000-0000-000000000000']) : inArray(courseSessions.cohortId, [...cohortIds]);
  const rows = await db
    .select()
    .from(courseSessions)
    .where(and(where, isNotNull(courseSessions.startsAt), isNotNull(courseSessions.endsAt)))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id));
  return { infos: await withLecturers(db, rows), stamps: new Map(rows.map((r) => [r.id, { created: r.createdAt, updated: r.updatedAt }] as const)) };
}

async function cohortTitles(db: DbOrTx, ids: readonly string[]): Promise<Map<string, CohortTitle>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: cohorts.id, title: cohorts.title, place: cohorts.place }).from(cohorts).where(inArray(cohorts.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r] as const));
}

/** A published (or finished) cohort's timetable; drafts are not public. */
export async function cohortFeed(db: DbOrTx, config: Config, cohortId: string, lang: Lang): Promise<string> {
  const [cohort] = await db.select().from(cohorts).where(and(eq(cohorts.id, cohortId), ne(cohorts.status, 'draft')));
  if (!cohort) throw new DomainError('calendar.cohort_not_found');
  const { infos, stamps } = await sessionsOf(db, [cohortId]);
  const byId = new Map([[cohort.id, { id: cohort.id, title: cohort.title, place: cohort.place }]]);
  return buildCalendar({
    prodId: translate(lang, 'courses.calendar.prodid'),
    name: pickText(cohort.title, lang).text,
    events: await events(db, lang, infos, byId, stamps),
  });
}

/** The cohorts a person belongs to: enrolled in an open cohort, or an active participant of a selection cohort's call. */
async function cohortsOfMember(db: DbOrTx, userId: string): Promise<string[]> {
  const enrolled = await db
    .select({ id: cohorts.id })
    .from(enrolments)
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(and(eq(enrolments.userId, userId), eq(enrolments.status, 'enrolled'), eq(cohorts.enrolmentMode, 'open'), ne(cohorts.status, 'draft')));
  const selected = await db
    .select({ id: cohorts.id })
    .from(participants)
    .innerJoin(cohorts, eq(cohorts.callId, participants.callId))
    .where(and(eq(participants.userId, userId), eq(participants.status, 'active'), eq(cohorts.enrolmentMode, 'selection'), ne(cohorts.status, 'draft')));
  return [...new Set([...enrolled, ...selected].map((r) => r.id))];
}

/** A personal feed by its secret token; an unknown or replaced token is simply not found. */
export async function tokenFeed(db: DbOrTx, config: Config, token: string, lang: Lang | null): Promise<string> {
  if (!TOKEN.test(token)) throw new DomainError('calendar.feed_not_found');
  const [row] = await db
    .select()
    .from(calendarTokens)
    .where(and(eq(calendarTokens.tokenHash, sha256(token)), eq(calendarTokens.active, true)));
  if (!row) throw new DomainError('calendar.feed_not_found');
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, row.userId));
  const language: Lang = lang ?? (user?.locale === 'en' ? 'en' : 'ko');
  let sessions: Awaited<ReturnType<typeof sessionsOf>>;
  if (row.kind === 'lecturer') {
    const taught = await db.select({ id: sessionLecturers.sessionId }).from(sessionLecturers).where(eq(sessionLecturers.userId, row.userId));
    sessions = await sessionsOf(db, [], [...new Set(taught.map((t) => t.id))]);
  } else {
    sessions = await sessionsOf(db, await cohortsOfMember(db, row.userId));
  }
  const titles = await cohortTitles(db, [...new Set(sessions.infos.map((s) => s.cohortId))]);
  return buildCalendar({
    prodId: translate(language, 'courses.calendar.prodid'),
    name: translate(language, row.kind === 'lecturer' ? 'courses.calendar.lecturer_name' : 'courses.calendar.participant_name'),
    events: await events(db, language, sessions.infos, titles, sessions.stamps),
  });
}

/** Whether someone may have a lecturer feed: they hold the mentor role or teach a session. */
async function isLecturer(db: DbOrTx, userId: string, roles: readonly string[]): Promise<boolean> {
  if (roles.includes('mentor')) return true;
  const [row] = await db.select({ id: sessionLecturers.id }).from(sessionLecturers).where(eq(sessionLecturers.userId, userId)).limit(1);
  return row !== undefined;
}

export function feedUrl(config: Config, token: string): string {
  return `${config.publicUrl}/api/v1/calendars/feeds/${token}.ics`;
}

/** A new secret feed URL for the signed-in person (the previous one of that kind stops working). */
export async function mintToken(db: DbOrTx, config: Config, userId: string, roles: readonly string[], kind: FeedKind, now: Date): Promise<{ kind: FeedKind; url: string; createdAt: string }> {
  if (kind === 'lecturer' && !(await isLecturer(db, userId, roles))) throw new DomainError('calendar.forbidden');
  const token = randomBytes(32).toString('base64url');
  await db
    .insert(calendarTokens)
    .values({ userId, kind, tokenHash: sha256(token), active: true, createdAt: now })
    .onConflictDoUpdate({ target: [calendarTokens.userId, calendarTokens.kind], set: { tokenHash: sha256(token), active: true, createdAt: now } });
  return { kind, url: feedUrl(config, token), createdAt: now.toISOString() };
}

export async function listTokens(db: DbOrTx, userId: string): Promise<{ kind: FeedKind; active: boolean; createdAt: string }[]> {
  const rows = await db.select().from(calendarTokens).where(eq(calendarTokens.userId, userId)).orderBy(asc(calendarTokens.kind));
  return rows.map((r) => ({ kind: r.kind, active: r.active, createdAt: r.createdAt.toISOString() }));
}

export async function revokeToken(db: DbOrTx, userId: string, kind: FeedKind): Promise<void> {
  await db
    .update(calendarTokens)
    .set({ active: false })
    .where(and(eq(calendarTokens.userId, userId), eq(calendarTokens.kind, kind)));
}
