import type { ModuleManifest } from '../../platform/module.js';

/** courses: see routes.ts. */
export const coursesModule: ModuleManifest = {
  name: 'courses',
  registerRoutes: () => {},
};
