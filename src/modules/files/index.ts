import type { ModuleManifest } from '../../platform/module.js';

/** Files: see routes.ts. */
export const filesModule: ModuleManifest = {
  name: 'files',
  registerRoutes: () => {},
};
