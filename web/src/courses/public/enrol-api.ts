/** Enrolling and cancelling; enrolling carries the attempt's `Idempotency-Key` (see idempotency.ts). */
import type { EnrolmentViewT } from '../../../../src/shared/contracts/enrolment';
import { del, post } from '../../lib/api';

const enrolmentPath = (cohortId: string) => `/cohorts/${encodeURIComponent(cohortId)}/enrolment`;

/** POST /cohorts/:id/enrolment with the attempt's key: 201 with a seat or a waitlist place, 200 if already in. */
export const requestEnrolment = (cohortId: string, idempotencyKey: string) => post<EnrolmentViewT>(enrolmentPath(cohortId), {}, { headers: { 'idempotency-key': idempotencyKey } });

export const cancelEnrolment = (cohortId: string) => del<EnrolmentViewT>(enrolmentPath(cohortId));
