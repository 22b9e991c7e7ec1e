import type { ModuleManifest } from '../../platform/module.js';

/** enrolment: see routes.ts. */
export const enrolmentModule: ModuleManifest = {
  name: 'enrolment',
  registerRoutes: () => {},
};
