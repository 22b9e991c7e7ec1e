/**
 * Contracts of enrolment in open courses (docs/enrolment.md): a citizen enrols in a published open
 * cohort (a seat, or a numbered place on the waitlist when full), cancels (the first on the waitlist
 * moves up), and reads their enrolments; staff read a cohort's list. Status and positions are the
 * server's to set: the enrolment request has no body, only an optional `Idempotency-Key` header.
 */
import { z } from 'zod';
import { Id, LocalizedText } from './common.js';

/**
 * `Idempotency-Key`: 1–200 visible ASCII characters (no spaces or control characters), e.g. a UUID
 * the client made for this attempt. A retry with the same key gets the first answer again.
 */
export const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,200}$/;
export const IdempotencyKey = z.string({ message: 'oc:errors.enrolment.idempotency_key_format' }).regex(IDEMPOTENCY_KEY_RE, { message: 'oc:errors.enrolment.idempotency_key_format' });

/** Loose on purpose: every other request header passes through untouched; only this one is checked. */
export const EnrolmentHeaders = z.looseObject({ 'idempotency-key': IdempotencyKey.optional() });
export type EnrolmentHeadersT = z.infer<typeof EnrolmentHeaders>;

export const EnrolmentStatus = z.enum(['enrolled', 'waitlisted', 'cancelled']);
export type EnrolmentStatusT = z.infer<typeof EnrolmentStatus>;

/** One person's place in one cohort. */
export const EnrolmentView = z.object({
  id: Id,
  cohortId: Id,
  status: EnrolmentStatus,
  /** 1, 2, … while waitlisted (no gaps: positions close up when someone ahead leaves); null otherwise. */
  waitlistPosition: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type EnrolmentViewT = z.infer<typeof EnrolmentView>;

/** The cohort as a citizen sees it next to their enrolment. */
export const EnrolmentCohortView = z.object({
  id: Id,
  title: LocalizedText(),
  place: LocalizedText(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['draft', 'published', 'finished']),
});

export const MyEnrolmentView = EnrolmentView.extend({ cohort: EnrolmentCohortView });
export type MyEnrolmentViewT = z.infer<typeof MyEnrolmentView>;
export const MyEnrolmentsList = z.object({ enrolments: z.array(MyEnrolmentView) });
export type MyEnrolmentsListT = z.infer<typeof MyEnrolmentsList>;

/** A row of the staff list: who, with their state. */
export const StaffEnrolmentView = EnrolmentView.extend({ userId: Id, name: z.string(), email: z.string() });
export type StaffEnrolmentViewT = z.infer<typeof StaffEnrolmentView>;

export const CohortEnrolmentsList = z.object({
  cohortId: Id,
  capacity: z.number().int(),
  counts: z.object({ enrolled: z.number().int(), waitlisted: z.number().int(), cancelled: z.number().int() }),
  /** Enrolled first (in order of enrolment), then the waitlist in position order, then cancellations. */
  enrolments: z.array(StaffEnrolmentView),
});
export type CohortEnrolmentsListT = z.infer<typeof CohortEnrolmentsList>;
