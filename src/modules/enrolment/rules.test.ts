import { describe, expect, it } from 'vitest';
import { admit, enrolmentRefusal, seatsToFill, type EnrolmentWindow } from './rules.js';

const open: EnrolmentWindow = { status: 'published', enrolmentMode: 'open', enrolmentOpensAt: null, enrolmentClosesAt: null };
const at = (iso: string) => new Date(iso);

describe('enrolmentRefusal', () => {
  it('lets a published open cohort take enrolments when no window is set', () => {
    expect(enrolmentRefusal(open, at('2020-08-01T00:00:00Z'))).toBeNull();
  });
  it('hides drafts, refuses selection cohorts and finished cohorts', () => {
    expect(enrolmentRefusal({ ...open, status: 'draft' }, at('2020-08-01T00:00:00Z'))).toEqual({ code: 'enrolment.cohort_not_found' });
    expect(enrolmentRefusal({ ...open, enrolmentMode: 'selection' }, at('2020-08-01T00:00:00Z'))).toEqual({ code: 'enrolment.selection_cohort' });
    expect(enrolmentRefusal({ ...open, status: 'finished' }, at('2020-08-01T00:00:00Z'))).toEqual({ code: 'enrolment.state_finished' });
  });
  it('keeps the window half-open: [opensAt, closesAt)', () => {
    const w = { ...open, enrolmentOpensAt: at('2020-07-01T00:00:00Z'), enrolmentClosesAt: at('2020-07-31T15:00:00Z') };
    expect(enrolmentRefusal(w, at('2020-06-30T23:59:59.999Z'))).toEqual({ code: 'enrolment.state_not_open', at: w.enrolmentOpensAt });
    expect(enrolmentRefusal(w, at('2020-07-01T00:00:00Z'))).toBeNull();
    expect(enrolmentRefusal(w, at('2020-07-31T14:59:59.999Z'))).toBeNull();
    expect(enrolmentRefusal(w, at('2020-07-31T15:00:00Z'))).toEqual({ code: 'enrolment.state_closed', at: w.enrolmentClosesAt });
  });
});

describe('seats', () => {
  it('takes a seat while one is free, then the next waitlist position', () => {
    expect(admit({ capacity: 30, enrolled: 0, waitlisted: 0 })).toEqual({ promote: 0, newcomer: { status: 'enrolled', waitlistPosition: null } });
    expect(admit({ capacity: 30, enrolled: 29, waitlisted: 0 }).newcomer.status).toBe('enrolled');
    expect(admit({ capacity: 30, enrolled: 30, waitlisted: 0 })).toEqual({ promote: 0, newcomer: { status: 'waitlisted', waitlistPosition: 1 } });
    expect(admit({ capacity: 30, enrolled: 30, waitlisted: 169 }).newcomer).toEqual({ status: 'waitlisted', waitlistPosition: 170 });
  });
  it('lets the waitlist into free seats before a newcomer (capacity raised)', () => {
    expect(admit({ capacity: 32, enrolled: 30, waitlisted: 5 })).toEqual({ promote: 2, newcomer: { status: 'waitlisted', waitlistPosition: 4 } });
    expect(admit({ capacity: 40, enrolled: 30, waitlisted: 5 })).toEqual({ promote: 5, newcomer: { status: 'enrolled', waitlistPosition: null } });
  });
  it('promotes nobody when the capacity was lowered below the number enrolled', () => {
    expect(seatsToFill({ capacity: 20, enrolled: 30, waitlisted: 5 })).toBe(0);
    expect(admit({ capacity: 20, enrolled: 30, waitlisted: 5 }).newcomer).toEqual({ status: 'waitlisted', waitlistPosition: 6 });
  });
  it('fills one seat per cancellation, never more than wait', () => {
    expect(seatsToFill({ capacity: 30, enrolled: 29, waitlisted: 3 })).toBe(1);
    expect(seatsToFill({ capacity: 30, enrolled: 29, waitlisted: 0 })).toBe(0);
    expect(seatsToFill({ capacity: 30, enrolled: 20, waitlisted: 3 })).toBe(3);
  });
});
