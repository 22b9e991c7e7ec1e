import type { ModuleManifest } from '../../platform/module.js';
import { registerMailRoutes } from './routes.js';

/** Mail preferences: the one-click unsubscribe link of notices (RFC 8058) and its confirmation page. */
export const mailModule: ModuleManifest = {
  name: 'mail',
  dependsOn: [],
  registerRoutes: (app, deps) => registerMailRoutes(app, deps),
};
