import type { ModuleManifest } from '../../platform/module.js';

/** Selection: see routes.ts. */
export const selectionModule: ModuleManifest = {
  name: 'selection',
  registerRoutes: () => {},
};
