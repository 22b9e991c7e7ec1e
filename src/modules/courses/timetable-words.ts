/**
 * The timetabling core speaks in codes and ids (UnplacedReason, TimetableConflict); staff read
 * sentences with names in Korean and English (server.json courses.timetable.*).
 */
import { dateOfDay } from '../../core/courses/calendar.js';
import type { ConflictResource, TimetableConflict, UnplacedReason } from '../../core/courses/timetable-model.js';
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import { formatDate } from '../../shared/i18n/format.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { COURSE_SLOTS, type TimetableInput } from './timetable-problem.js';

export interface Bilingual {
  ko: string;
  en: string;
}

type Params = Record<string, string | number>;

const text = (t: LocalizedText | undefined, lang: Lang, fallback: string) => (t ? pickText(t, lang).text : fallback);

/** Names of the things an id can point to, in one language. */
export function namer(input: TimetableInput, lang: Lang) {
  const start = input.problem.calendar.startDate;
  const session = (id: string) => {
    const s = input.sessions.get(id);
    return s ? `«${text(s.title, lang, id)}»` : id;
  };
  const slot = (slotId: string) => {
    const s = COURSE_SLOTS.find((x) => x.id === slotId);
    return s ? `${String(Math.floor(s.start / 60)).padStart(2, '0')}:${String(s.start % 60).padStart(2, '0')}` : slotId.replace(/^@/, '');
  };
  return {
    session,
    /** A session's length in hours (one decimal), for reasons about duration. */
    hours: (id: string) => Math.round(((input.sessions.get(id)?.durationMinutes ?? 0) / 60) * 10) / 10,
    sessions: (ids: readonly string[]) => ids.map(session).join(', '),
    lecturer: (id: string) => input.lecturerNames.get(id) ?? id,
    room: (id: string) => text(input.rooms.get(id)?.name, lang, id),
    cohort: (id: string) => text(input.cohorts.get(id)?.title, lang, id),
    /** A series id is '<cohortId>/<cadence group>'. */
    series: (id: string) => id.slice(id.indexOf('/') + 1),
    /** 'YYYY-MM-DD', as the API carries a day; messages write it with `day`. */
    date: (day: number) => dateOfDay(start, day),
    /** A day of the course as people write it in this language: "2030년 3월 14일 (목)" / "Thu 14 Mar 2030". */
    day: (day: number) => formatDate(dateOfDay(start, day), lang),
    weekStart: (week: number) => formatDate(dateOfDay(start, week * 7), lang),
    weekEnd: (week: number) => formatDate(dateOfDay(start, week * 7 + 6), lang),
    slot,
    resource(r: ConflictResource): string {
      if (r.type === 'lecturer') return this.lecturer(r.id);
      if (r.type === 'room') return this.room(r.id);
      if (r.type === 'cohort') return this.cohort(r.id);
      return this.series(r.id);
    },
  };
}

type Namer = ReturnType<typeof namer>;
const list = (v: string | number | undefined) => (typeof v === 'string' && v !== '' ? v.split(',') : []);

/** Raw reason parameters (ids, indexes) → words for the message template. */
function reasonParams(n: Namer, lang: Lang, sessionId: string, raw: Readonly<Params>): Params {
  const p: Params = { ...raw, session: n.session(sessionId) };
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  if (str('lecturerId')) p.lecturer = n.lecturer(str('lecturerId')!);
  if (raw.lecturerIds !== undefined) p.lecturers = list(raw.lecturerIds).map(n.lecturer).join(', ');
  if (str('roomId')) p.room = n.room(str('roomId')!);
  if (raw.roomIds !== undefined) p.rooms = list(raw.roomIds).map(n.room).join(', ');
  if (str('cohortId')) p.cohort = n.cohort(str('cohortId')!);
  if (str('prerequisiteId')) p.prerequisite = n.session(str('prerequisiteId')!);
  if (str('dependentId')) p.dependent = n.session(str('dependentId')!);
  if (str('neighbourId')) p.neighbour = n.session(str('neighbourId')!);
  if (str('seriesId')) p.series = n.series(str('seriesId')!);
  if (raw.sessionIds !== undefined) p.sessions = n.sessions(list(raw.sessionIds));
  if (raw.withSessionIds !== undefined) p.others = n.sessions(list(raw.withSessionIds));
  if (typeof raw.firstWeek === 'number') p.from = n.weekStart(raw.firstWeek);
  if (typeof raw.lastWeek === 'number') p.to = n.weekEnd(raw.lastWeek);
  if (typeof raw.durationSlots === 'number') p.hours = n.hours(sessionId);
  if (typeof raw.day === 'number') p.date = n.day(raw.day);
  if (str('slotId')) p.time = n.slot(str('slotId')!);
  if (str('kind')) p.conflict = translate(lang, `courses.timetable.kind.${str('kind')}`);
  if (str('resourceType') && str('resourceId')) p.resource = n.resource({ type: str('resourceType') as ConflictResource['type'], id: str('resourceId')! });
  p.resource ??= '';
  return p;
}

/** Why a session is not in the timetable, with what to change, in both languages. */
export function unplacedWords(input: TimetableInput, sessionId: string, reason: UnplacedReason): Bilingual {
  const say = (lang: Lang) => translate(lang, `courses.timetable.reason.${reason.code}`, reasonParams(namer(input, lang), lang, sessionId, reason.params));
  return { ko: say('ko'), en: say('en') };
}

/** A hard conflict among stored times, in both languages. */
export function conflictWords(input: TimetableInput, c: TimetableConflict): Bilingual {
  const say = (lang: Lang) => {
    const n = namer(input, lang);
    const p: Params = { ...(c.params ?? {}), sessions: n.sessions(c.sessionIds), resource: c.resource ? n.resource(c.resource) : '', date: c.day !== undefined ? n.day(c.day) : '', time: c.slotId ? n.slot(c.slotId) : '' };
    return translate(lang, `courses.timetable.conflict.${c.kind}`, p);
  };
  return { ko: say('ko'), en: say('en') };
}

/** A clash with a session of another cohort (same lecturer or room at an overlapping time). */
export function crossCohortWords(input: TimetableInput, kind: 'lecturer_clash' | 'room_clash', sessionId: string, other: { title: LocalizedText; cohortTitle: LocalizedText }, resourceName: string, date: string, time: string): Bilingual {
  const say = (lang: Lang) =>
    translate(lang, `courses.timetable.conflict.${kind}_other_cohort`, {
      session: namer(input, lang).session(sessionId),
      other: `«${text(other.title, lang, '')}»`,
      cohort: text(other.cohortTitle, lang, ''),
      resource: resourceName,
      date: formatDate(date, lang),
      time,
    });
  return { ko: say('ko'), en: say('en') };
}
