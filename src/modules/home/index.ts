import type { ModuleManifest } from '../../platform/module.js';
import { registerHomeRoutes } from './routes.js';

/** Home: read models for the home page (what is coming up; a signed-in person's own overview). */
export const homeModule: ModuleManifest = { name: 'home', dependsOn: [], registerRoutes: registerHomeRoutes };
