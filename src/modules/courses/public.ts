/**
 * What other modules may use of courses (the lint rule module-boundaries allows no other file):
 * who belongs to a cohort, for attendance, completion and certificates; and the slug of the
 * seeded 2020 pilot cohort, which the recruitment demo links its call to.
 */
export { cohortMembers, isCohortMember, type CohortMember } from './members.js';
export { PILOT_COHORT_SLUG } from './seed-2020.js';
