import type { ModuleManifest } from '../../platform/module.js';
import { registerAttendanceRoutes } from './routes.js';

/** Attendance, completion and certificates: rotating check-in codes, rates, progress, certificates and their public verification. */
export const attendanceModule: ModuleManifest = {
  name: 'attendance',
  dependsOn: ['courses'],
  registerRoutes: (app, deps) => registerAttendanceRoutes(app, deps),
};
