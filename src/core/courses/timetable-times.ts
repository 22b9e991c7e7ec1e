/**
 * What a placement means on the wall calendar: the dates and clock times of each of its days, for
 * the staff editor, the participants' schedule and the iCalendar feeds (Asia/Seoul local times;
 * Korea keeps no daylight saving time, so a local date and minute are unambiguous).
 */
import { clockTime, dateOfDay } from './calendar.js';
import type { Placement, TimetableProblem } from './timetable-model.js';

export interface PlacedMeeting {
  /** 'YYYY-MM-DD' of this day of the session. */
  readonly date: string;
  readonly day: number;
  /** Minutes from midnight, and 'HH:MM'. */
  readonly start: number;
  readonly end: number;
  readonly startTime: string;
  readonly endTime: string;
}

/**
 * One meeting per day the session runs (three for the 3-day field study), from the start of its
 * first slot to the end of its last; null when the session, slot or span does not exist.
 */
export function placementMeetings(problem: TimetableProblem, placement: Placement): PlacedMeeting[] | null {
  const session = problem.sessions.find((s) => s.id === placement.sessionId);
  const slots = problem.calendar.slots;
  const first = slots.findIndex((s) => s.id === placement.slotId);
  if (!session || first < 0) return null;
  const last = slots[first + (session.durationSlots ?? 1) - 1];
  if (!last) return null;
  const start = slots[first]!.start;
  return Array.from({ length: session.days ?? 1 }, (_, k) => ({
    date: dateOfDay(problem.calendar.startDate, placement.day + k),
    day: placement.day + k,
    start,
    end: last.end,
    startTime: clockTime(start),
    endTime: clockTime(last.end),
  }));
}
