import type { ModuleManifest } from '../../platform/module.js';
import { registerReviewRoutes } from './routes.js';

/** Review: rubric and reviewers, conflicts, automatic and manual assignment, scoring and calibrated scores (see routes.ts). */
export const reviewModule: ModuleManifest = {
  name: 'review',
  dependsOn: [],
  registerRoutes: registerReviewRoutes,
};
