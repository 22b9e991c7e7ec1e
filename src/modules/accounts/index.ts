import type { ModuleManifest } from '../../platform/module.js';
import { registerAccountRoutes } from './routes.js';

/** Accounts: sign-up, sign-in, sign-out, first-admin setup, global roles. */
export const accountsModule: ModuleManifest = {
  name: 'accounts',
  dependsOn: [],
  registerRoutes: registerAccountRoutes,
};
