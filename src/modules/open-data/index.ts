import type { ModuleManifest } from '../../platform/module.js';
import { registerOpenDataRoutes } from './routes.js';

/**
 * Open data: the plan, schedule, budget (with spending), calls and courses as CSV and JSON under a
 * stated licence, and a DCAT-AP catalogue of them for a city's open-data portal. Reads only; the
 * data comes from the administration module's views and the public columns of calls and cohorts.
 */
export const openDataModule: ModuleManifest = {
  name: 'open-data',
  dependsOn: ['administration'],
  registerRoutes: registerOpenDataRoutes,
};
