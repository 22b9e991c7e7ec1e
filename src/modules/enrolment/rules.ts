/**
 * The rules of enrolment, without I/O (the caller holds the cohort's lock and passes in what it
 * counted): whether a cohort takes enrolments now, how many of the waitlist move into free seats,
 * and where a newcomer lands. Kept pure so the seat arithmetic is tested on its own.
 */

export interface EnrolmentWindow {
  status: 'draft' | 'published' | 'finished';
  enrolmentMode: 'selection' | 'open';
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
}

export type Refusal =
  | { code: 'enrolment.cohort_not_found' }
  | { code: 'enrolment.selection_cohort' }
  | { code: 'enrolment.state_finished' }
  | { code: 'enrolment.state_not_open'; at: Date }
  | { code: 'enrolment.state_closed'; at: Date };

/**
 * Why a new enrolment is refused, or null. A draft cohort is not there for citizens (not found);
 * a cohort filled by a selection call takes nobody directly; an absent opening or closing time
 * leaves that side of the window open (the cohort's status still ends it when it is finished).
 * The window is half-open: [opensAt, closesAt).
 */
export function enrolmentRefusal(cohort: EnrolmentWindow, now: Date): Refusal | null {
  if (cohort.status === 'draft') return { code: 'enrolment.cohort_not_found' };
  if (cohort.enrolmentMode !== 'open') return { code: 'enrolment.selection_cohort' };
  if (cohort.status === 'finished') return { code: 'enrolment.state_finished' };
  if (cohort.enrolmentOpensAt && now.getTime() < cohort.enrolmentOpensAt.getTime()) return { code: 'enrolment.state_not_open', at: cohort.enrolmentOpensAt };
  if (cohort.enrolmentClosesAt && now.getTime() >= cohort.enrolmentClosesAt.getTime()) return { code: 'enrolment.state_closed', at: cohort.enrolmentClosesAt };
  return null;
}

/** Seats of a cohort as counted under its lock. */
export interface Seats {
  capacity: number;
  enrolled: number;
  waitlisted: number;
}

/**
 * How many people at the head of the waitlist take free seats now. Normally 0 or 1 (one
 * cancellation frees one seat), more when staff raised the capacity; never negative when staff
 * lowered it below the number enrolled (nobody is removed: the seats simply stay full).
 */
export function seatsToFill(s: Seats): number {
  return Math.max(0, Math.min(s.capacity - s.enrolled, s.waitlisted));
}

export type Placement = { status: 'enrolled'; waitlistPosition: null } | { status: 'waitlisted'; waitlistPosition: number };

/**
 * Where a newcomer lands: the waitlist moves into free seats first (nobody jumps the queue), then
 * the newcomer takes a seat if one is left, or the next waitlist position.
 */
export function admit(s: Seats): { promote: number; newcomer: Placement } {
  const promote = seatsToFill(s);
  const enrolled = s.enrolled + promote;
  const waitlisted = s.waitlisted - promote;
  const newcomer: Placement = enrolled < s.capacity ? { status: 'enrolled', waitlistPosition: null } : { status: 'waitlisted', waitlistPosition: waitlisted + 1 };
  return { promote, newcomer };
}
