/**
 * What other modules may use of enrolment (the lint rule module-boundaries allows no other file):
 * enrolled and waitlisted counts per cohort, for the cohort pages that show seats left.
 */
export { seatCountsOf } from './repository.js';
