import type { ModuleManifest } from '../../platform/module.js';
import { registerAccessLogRoutes } from './routes.js';

/** The personal-data access log (who saw or downloaded whose data, and why); modules write it through src/platform/access-log.ts. */
export const accessLogModule: ModuleManifest = {
  name: 'access-log',
  dependsOn: [],
  registerRoutes: registerAccessLogRoutes,
};
