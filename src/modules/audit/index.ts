import type { ModuleManifest } from '../../platform/module.js';
import { registerAuditRoutes } from './routes.js';

/** Audit: the append-only history of staff changes. */
export const auditModule: ModuleManifest = { name: 'audit', dependsOn: [], registerRoutes: registerAuditRoutes };
