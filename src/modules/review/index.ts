import type { ModuleManifest } from '../../platform/module.js';

/** Review: see routes.ts. */
export const reviewModule: ModuleManifest = {
  name: 'review',
  registerRoutes: () => {},
};
