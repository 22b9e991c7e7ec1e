/**
 * Live warnings for staff editing a cohort's timetable by hand (docs/timetabling.md): the core's
 * findConflicts over the sessions' stored times (the same definition of a hard conflict the solver
 * is held to), plus clashes with sessions of other cohorts that share a lecturer or a room — those
 * are compared minute by minute on the stored times, since other cohorts' sessions are not in the
 * problem. Read-only: the editor calls it after each change.
 */
import { and, inArray, isNotNull, ne } from 'drizzle-orm';
import { findConflicts } from '../../core/courses/timetable-conflicts.js';
import type { Placement } from '../../core/courses/timetable-model.js';
import { clockTime } from '../../core/courses/calendar.js';
import { pickText } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { cohorts, courseSessions } from '../../platform/db/schema/index.js';
import type { CohortConflictsT } from '../../shared/contracts/timetable.js';
import { loadTimetableInput, storedMeetings, storedPlacement, withLecturers, type SessionInfo } from './timetable-problem.js';
import { conflictWords, crossCohortWords, namer } from './timetable-words.js';

type Warning = CohortConflictsT['warnings'][number];

export async function cohortConflicts(db: DbOrTx, cohortId: string): Promise<CohortConflictsT> {
  const input = await loadTimetableInput(db, [cohortId], { mode: 'check' });
  const own = [...input.sessions.values()].filter((s) => s.cohortId === cohortId);
  const placements: Placement[] = [];
  for (const s of own) {
    const p = storedPlacement(input.problem, s);
    if (p) placements.push(p);
  }
  const names = namer(input, 'en');
  const warnings: Warning[] = findConflicts(input.problem, placements).map((c) => ({
    kind: c.kind,
    sessionIds: [...c.sessionIds],
    otherSessionIds: [],
    resource: c.resource ? { type: c.resource.type, id: c.resource.id.replace(/^[ux]:/, ''), name: names.resource(c.resource) } : null,
    date: c.day !== undefined ? names.date(c.day) : null,
    time: c.slotId ? names.slot(c.slotId) : null,
    text: conflictWords(input, c),
  }));
  warnings.push(...(await otherCohortClashes(db, input, cohortId, own)));
  return { cohortId, checked: placements.length, untimed: own.length - placements.length, warnings };
}

/** Same lecturer or same room, overlapping stored times, sessions of another cohort. */
async function otherCohortClashes(db: DbOrTx, input: Awaited<ReturnType<typeof loadTimetableInput>>, cohortId: string, own: readonly SessionInfo[]): Promise<Warning[]> {
  const timed = own.filter((s) => s.startsAt && s.endsAt);
  if (timed.length === 0) return [];
  const from = new Date(Math.min(...timed.map((s) => s.startsAt!.getTime())));
  const to = new Date(Math.max(...timed.map((s) => s.endsAt!.getTime())));
  const rows = await db
    .select()
    .from(courseSessions)
    .where(and(ne(courseSessions.cohortId, cohortId), isNotNull(courseSessions.startsAt), isNotNull(courseSessions.endsAt)));
  const others = await withLecturers(
    db,
    rows.filter((r) => r.startsAt! <= to && r.endsAt! >= from),
  );
  if (others.length === 0) return [];
  const cohortIds = [...new Set(others.map((o) => o.cohortId))];
  const titles = new Map((await db.select({ id: cohorts.id, title: cohorts.title }).from(cohorts).where(inArray(cohorts.id, cohortIds))).map((c) => [c.id, c.title] as const));
  const out: Warning[] = [];
  for (const s of timed) {
    const mine = storedMeetings(s);
    for (const o of others) {
      const sharedLecturers = s.lecturerIds.filter((l) => o.lecturerIds.includes(l));
      const sharedRoom = s.roomId !== null && s.roomId === o.roomId;
      if (sharedLecturers.length === 0 && !sharedRoom) continue;
      const theirs = storedMeetings(o);
      const overlap = mine.flatMap((m) => theirs.filter((t) => t.date === m.date && t.start < m.end && m.start < t.end).map((t) => ({ date: m.date, start: Math.max(m.start, t.start) })))[0];
      if (!overlap) continue;
      const other = { title: o.title, cohortTitle: titles.get(o.cohortId) ?? { ko: '' } };
      const time = clockTime(overlap.start);
      for (const l of sharedLecturers) {
        const name = input.lecturerNames.get(l) ?? o.lecturerNames[o.lecturerIds.indexOf(l)] ?? '';
        out.push({
          kind: 'lecturer_clash',
          sessionIds: [s.id],
          otherSessionIds: [o.id],
          resource: { type: 'lecturer', id: l.replace(/^[ux]:/, ''), name },
          date: overlap.date,
          time,
          text: crossCohortWords(input, 'lecturer_clash', s.id, other, name, overlap.date, time),
        });
      }
      if (sharedRoom) {
        const room = input.rooms.get(s.roomId!);
        const say = (lang: 'ko' | 'en') => (room ? pickText(room.name, lang).text : s.roomId!);
        const ko = crossCohortWords(input, 'room_clash', s.id, other, say('ko'), overlap.date, time).ko;
        const en = crossCohortWords(input, 'room_clash', s.id, other, say('en'), overlap.date, time).en;
        out.push({ kind: 'room_clash', sessionIds: [s.id], otherSessionIds: [o.id], resource: { type: 'room', id: s.roomId!, name: say('en') }, date: overlap.date, time, text: { ko, en } });
      }
    }
  }
  return out;
}
