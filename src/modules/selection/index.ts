import type { ModuleManifest } from '../../platform/module.js';
import { registerSelectionRoutes } from './routes.js';

export { participantsOfCall, type ParticipantOfCall } from './participants.js';

/** Selection: quota-constrained selection runs with explanations, finalising, outcomes, declines and the e-mail outbox. */
export const selectionModule: ModuleManifest = {
  name: 'selection',
  registerRoutes: registerSelectionRoutes,
};
