import type { ModuleManifest } from '../../platform/module.js';
import { registerEnrolmentRoutes } from './routes.js';

/** Enrolment in open courses: seats, the waitlist with automatic promotion, cancellation, idempotent retries. */
export const enrolmentModule: ModuleManifest = {
  name: 'enrolment',
  dependsOn: [],
  registerRoutes: registerEnrolmentRoutes,
};
