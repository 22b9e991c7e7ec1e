import type { ModuleManifest } from '../../platform/module.js';
import { registerEnrolmentRoutes } from './routes.js';

/** For cohort pages that show seats left: enrolled and waitlisted counts per cohort. */
export { seatCountsOf } from './repository.js';

/** Enrolment in open courses: seats, the waitlist with automatic promotion, cancellation, idempotent retries. */
export const enrolmentModule: ModuleManifest = {
  name: 'enrolment',
  registerRoutes: registerEnrolmentRoutes,
};
