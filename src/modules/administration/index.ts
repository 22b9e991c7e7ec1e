import type { ModuleManifest } from '../../platform/module.js';
import { registerAdministrationRoutes } from './routes.js';
import { seedPlan2019 } from './seed.js';

/** Administration: the plan, work packages, schedule, line-item budget with plan vs actual. */
export const administrationModule: ModuleManifest = {
  name: 'administration',
  dependsOn: [],
  registerRoutes: registerAdministrationRoutes,
  seed: async ({ db }) => {
    await seedPlan2019(db);
  },
};
