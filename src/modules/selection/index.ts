import type { ModuleManifest } from '../../platform/module.js';
import { registerSelectionRoutes } from './routes.js';

/** Selection: quota-constrained selection runs with explanations, finalising, outcomes, declines and the e-mail outbox. */
export const selectionModule: ModuleManifest = {
  name: 'selection',
  dependsOn: ['review'],
  registerRoutes: registerSelectionRoutes,
};
