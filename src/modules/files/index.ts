import type { ModuleManifest } from '../../platform/module.js';
import { registerFilesRoutes } from './routes.js';

/** Files: uploads answering 'file' questions, checked by content, stored outside the web root, downloaded only by those entitled. */
export const filesModule: ModuleManifest = {
  name: 'files',
  dependsOn: ['recruitment'],
  registerRoutes: (app, deps) => registerFilesRoutes(app, deps),
};
