import type { ModuleManifest } from '../../platform/module.js';

/** attendance: see routes.ts. */
export const attendanceModule: ModuleManifest = {
  name: 'attendance',
  registerRoutes: () => {},
};
