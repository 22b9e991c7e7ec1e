import type { ModuleManifest } from '../../platform/module.js';
import { registerRecruitmentRoutes } from './routes.js';

/** Recruitment: calls for applications with their form, quotas and consent items; one application per person per call. */
export const recruitmentModule: ModuleManifest = {
  name: 'recruitment',
  dependsOn: ['courses'],
  registerRoutes: registerRecruitmentRoutes,
};
