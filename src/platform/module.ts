/**
 * What every module receives and what it must provide. A module registers its routes (each with a
 * policy) and may seed content; src/modules/index.ts lists them all in one place.
 */
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Auth } from './auth/auth.js';
import type { App } from './http/server.js';
import type { RateLimiter } from './rate-limit.js';
import type { SolverPool } from './solver/pool.js';
import type { Jobs } from './jobs.js';

export interface ModuleDeps {
  db: Db;
  auth: Auth;
  config: Config;
  now: () => Date;
  /** Sign-in, sign-up and setup throttling; counters shared by all instances (adr/0010). */
  limiters: { authByIp: RateLimiter; authByAccount: RateLimiter };
  /** HiGHS in worker threads; started lazily on the first solve, closed with the app. */
  solver: SolverPool;
  /** Background work started by requests (assignment runs, outbox sending); awaited on close. */
  jobs: Jobs;
  /** Signs the one-click unsubscribe links of e-mails (the installation's secret: AUTH_SECRET or the stored one). */
  mailSecret: string;
}

export interface ModuleManifest {
  /** The module's folder under src/modules. */
  name: string;
  /**
   * The modules whose public.ts this one imports (by name). tests/checks/module-dependencies.test.ts
   * fails when the imports and this list differ, or when the declared graph has a cycle.
   */
  dependsOn: readonly string[];
  registerRoutes(app: App, deps: ModuleDeps): void;
  /** Idempotent: safe to run at every start. */
  seed?(deps: ModuleDeps): Promise<void>;
}
