/**
 * The cohort and session forms as plain strings (what the inputs hold), their quick checks before
 * sending (the server decides; these only save a round trip), and the request bodies they become.
 * Issue keys are read in the 'admin' namespace, so course-specific ones name 'courses:'.
 */
import type { Issues } from '../../admin/form-errors';
import type { CohortInputT, CohortViewT, SessionInputT, SessionViewT } from '../../../../src/shared/contracts/courses';
import { fromSeoulInput, toSeoulInput } from '../../staffcalls/seoul-time';
import { formatWeekList, isRealDay, isTime, parseIntIn, parseWeekList, seoulDay, seoulInstant, seoulTime, sessionEnd } from './format';

const REQUIRED = { key: 'errors.required' };
const text = (ko: string, en: string) => ({ ko: ko.trim(), ...(en.trim() ? { en: en.trim() } : {}) });

export interface CohortForm {
  programmeId: string;
  titleKo: string;
  titleEn: string;
  placeKo: string;
  placeEn: string;
  startsOn: string;
  endsOn: string;
  capacity: string;
  enrolmentMode: 'selection' | 'open';
  callId: string;
  /** datetime-local values, read as Seoul time. */
  opensAt: string;
  closesAt: string;
  status: 'draft' | 'published' | 'finished';
}

export function emptyCohortForm(programmeId: string, mode: 'selection' | 'open'): CohortForm {
  return { programmeId, titleKo: '', titleEn: '', placeKo: '', placeEn: '', startsOn: '', endsOn: '', capacity: '30', enrolmentMode: mode, callId: '', opensAt: '', closesAt: '', status: 'draft' };
}

export function cohortFormFromView(c: CohortViewT): CohortForm {
  return {
    programmeId: c.programmeId,
    titleKo: c.title.ko,
    titleEn: c.title.en ?? '',
    placeKo: c.place.ko,
    placeEn: c.place.en ?? '',
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    capacity: String(c.capacity),
    enrolmentMode: c.enrolmentMode,
    callId: c.callId ?? '',
    opensAt: c.enrolmentOpensAt ? toSeoulInput(c.enrolmentOpensAt) : '',
    closesAt: c.enrolmentClosesAt ? toSeoulInput(c.enrolmentClosesAt) : '',
    status: c.status,
  };
}

/** Problems keyed by the server's field paths, so both land next to the same input. */
export function validateCohortForm(f: CohortForm): Issues {
  const issues: Issues = {};
  if (!f.programmeId) issues.programmeId = REQUIRED;
  if (!f.titleKo.trim()) issues['title.ko'] = REQUIRED;
  if (!f.placeKo.trim()) issues['place.ko'] = REQUIRED;
  if (!isRealDay(f.startsOn)) issues.startsOn = { key: 'errors.isoDay' };
  if (!isRealDay(f.endsOn)) issues.endsOn = { key: 'errors.isoDay' };
  else if (isRealDay(f.startsOn) && f.endsOn < f.startsOn) issues.endsOn = { key: 'errors.endBeforeStart' };
  if (parseIntIn(f.capacity, 1, 100_000) === null) issues.capacity = { key: 'courses:staff.form.error.capacity' };
  const opens = f.opensAt.trim() ? fromSeoulInput(f.opensAt) : null;
  const closes = f.closesAt.trim() ? fromSeoulInput(f.closesAt) : null;
  if (f.opensAt.trim() && !opens) issues.enrolmentOpensAt = { key: 'courses:staff.form.error.dateTime' };
  if (f.closesAt.trim() && !closes) issues.enrolmentClosesAt = { key: 'courses:staff.form.error.dateTime' };
  else if (opens && closes && Date.parse(closes) <= Date.parse(opens)) issues.enrolmentClosesAt = { key: 'errors.endBeforeStart' };
  return issues;
}

/** The body of POST /admin/cohorts (PATCH takes the same fields without the programme). */
export function cohortFormToInput(f: CohortForm): CohortInputT {
  return {
    programmeId: f.programmeId,
    title: text(f.titleKo, f.titleEn),
    place: text(f.placeKo, f.placeEn),
    startsOn: f.startsOn.trim(),
    endsOn: f.endsOn.trim(),
    capacity: Number(f.capacity.trim()),
    enrolmentMode: f.enrolmentMode,
    // A call fills only a selection cohort; the server refuses one on an open cohort.
    callId: f.enrolmentMode === 'selection' && f.callId ? f.callId : null,
    enrolmentOpensAt: f.opensAt.trim() ? fromSeoulInput(f.opensAt) : null,
    enrolmentClosesAt: f.closesAt.trim() ? fromSeoulInput(f.closesAt) : null,
    status: f.status,
  };
}

export interface SessionForm {
  moduleId: string;
  type: SessionViewT['type'];
  titleKo: string;
  titleEn: string;
  goalsKo: string;
  goalsEn: string;
  durationMinutes: string;
  days: string;
  /** Seoul day and time; both empty = not timetabled yet. */
  day: string;
  time: string;
  roomId: string;
  placeKo: string;
  placeEn: string;
  /** Ids of sessions of the cohort that must come first. */
  prerequisites: string[];
  /** Weeks as people count them ("1-4, 9"), from 1. */
  weeks: string;
}

export function emptySessionForm(moduleId = ''): SessionForm {
  return { moduleId, type: 'lecture', titleKo: '', titleEn: '', goalsKo: '', goalsEn: '', durationMinutes: '180', days: '1', day: '', time: '', roomId: '', placeKo: '', placeEn: '', prerequisites: [], weeks: '' };
}

export function sessionFormFromView(s: SessionViewT): SessionForm {
  return {
    moduleId: s.moduleId ?? '',
    type: s.type,
    titleKo: s.title.ko,
    titleEn: s.title.en ?? '',
    goalsKo: s.goals?.ko ?? '',
    goalsEn: s.goals?.en ?? '',
    durationMinutes: String(s.durationMinutes),
    days: String(s.days),
    day: s.startsAt ? seoulDay(s.startsAt) : '',
    time: s.startsAt ? seoulTime(s.startsAt) : '',
    roomId: s.roomId ?? '',
    placeKo: s.placeText?.ko ?? '',
    placeEn: s.placeText?.en ?? '',
    prerequisites: [...(s.constraints.prerequisites ?? [])],
    weeks: s.constraints.allowedWeeks ? formatWeekList(s.constraints.allowedWeeks).replace(/\u2013/g, '-') : '',
  };
}

export function validateSessionForm(f: SessionForm): Issues {
  const issues: Issues = {};
  if (!f.titleKo.trim()) issues['title.ko'] = REQUIRED;
  if (parseIntIn(f.durationMinutes, 15, 1440) === null) issues.durationMinutes = { key: 'courses:staff.form.error.duration' };
  if (parseIntIn(f.days, 1, 14) === null) issues.days = { key: 'courses:staff.form.error.days' };
  const anyTime = f.day.trim() !== '' || f.time.trim() !== '';
  if (anyTime) {
    if (!isRealDay(f.day)) issues.startsAt = { key: 'errors.isoDay' };
    else if (!isTime(f.time)) issues.startsAt = { key: 'courses:staff.form.error.time' };
  }
  if (parseWeekList(f.weeks) === null) issues['constraints.allowedWeeks'] = { key: 'courses:staff.form.error.weeks' };
  if (f.placeEn.trim() && !f.placeKo.trim()) issues['placeText.ko'] = REQUIRED;
  return issues;
}

/** The body of POST /admin/cohorts/:id/sessions or PATCH /admin/sessions/:id. */
export function sessionFormToInput(f: SessionForm): SessionInputT {
  const durationMinutes = Number(f.durationMinutes.trim());
  const days = Number(f.days.trim());
  const startsAt = f.day.trim() || f.time.trim() ? seoulInstant(f.day, f.time) : null;
  const weeks = parseWeekList(f.weeks) ?? [];
  const constraints: SessionInputT['constraints'] = {};
  if (f.prerequisites.length > 0) constraints.prerequisites = [...f.prerequisites];
  // People count weeks from 1; the server from 0.
  if (weeks.length > 0) constraints.allowedWeeks = weeks.map((w) => w - 1);
  const goals = f.goalsKo.trim() ? text(f.goalsKo, f.goalsEn) : null;
  return {
    moduleId: f.moduleId || null,
    type: f.type,
    title: text(f.titleKo, f.titleEn),
    goals,
    durationMinutes,
    days,
    startsAt,
    endsAt: startsAt ? sessionEnd(startsAt, durationMinutes, days) : null,
    roomId: f.roomId || null,
    placeText: f.placeKo.trim() ? text(f.placeKo, f.placeEn) : null,
    constraints,
  };
}
