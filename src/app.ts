/**
 * Assembles Open Campus: database (migrated), auth, modules, HTTP server. Used by the start command,
 * the tests and the benchmarks alike, so all of them run the same app.
 */
import { Writable } from 'node:stream';
import { queueVerificationMail } from './modules/accounts/notify.js';
import { modules } from './modules/index.js';
import { createAuth, type Auth } from './platform/auth/auth.js';
import { countAdmins } from './platform/auth/roles.js';
import { createPrincipalResolver } from './platform/auth/session.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/client.js';
import { registerHealth } from './platform/http/health.js';
import { buildServer, notFoundHandler, type App, type RegisteredRoute } from './platform/http/server.js';
import { registerWebApp } from './platform/http/web.js';
import { getOrCreateAuthSecret, installationId, issueSetupToken } from './platform/instance.js';
import type { ModuleDeps } from './platform/module.js';
import { createJobs } from './platform/jobs.js';
import { DbRateLimiter } from './platform/rate-limit.js';
import { createSolverPool } from './platform/solver/pool.js';
import { outboxDispatcherFor } from './platform/mail/dispatcher.js';

export interface OpenCampus {
  app: App;
  database: Database;
  auth: Auth;
  deps: ModuleDeps;
  routes: RegisteredRoute[];
  /** The one-time setup token, when no admin exists yet (printed by the start command). */
  setupToken: string | null;
  close(): Promise<void>;
}

export interface CreateOptions {
  config: Config;
  /** An already-open database (tests share a migrated template); otherwise opened from config. */
  database?: Database;
  now?: () => Date;
  logStream?: Writable;
  /** Serve the built web app (off in API-only tests). */
  serveWeb?: boolean;
}

export async function createOpenCampus(options: CreateOptions): Promise<OpenCampus> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const database =
    options.database ??
    (await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir }));
  try {
    await database.migrate();
    const secret = config.authSecret ?? (await getOrCreateAuthSecret(database.db));
    // Made at the first start, so every instance and every later address agrees on it.
    await installationId(database.db);
    const auth = createAuth({
      db: database.db,
      secret,
      publicUrl: config.publicUrl,
      onVerificationToken: (user, token) => database.db.transaction((tx) => queueVerificationMail(tx, user, token, config.publicUrl)),
    });
    const windowMs = config.authRateWindowSeconds * 1000;
    const solver = createSolverPool({ size: config.solverThreads, timeLimitSeconds: config.solverTimeLimitSeconds });
    const jobs = createJobs();
    const deps: ModuleDeps = {
      solver,
      jobs,
      mailSecret: secret,
      db: database.db,
      auth,
      config,
      now,
      // Counters in the database, so every instance behind a load balancer counts together (adr/0010).
      limiters: {
        authByAccount: new DbRateLimiter(database.db, 'auth-account', config.authRateLimit, windowMs),
        // One address may sign in several people (a city office behind NAT): a wider limit.
        authByIp: new DbRateLimiter(database.db, 'auth-ip', config.authRateLimit * 3, windowMs),
      },
    };
    for (const m of modules) await m.seed?.(deps);
    const setupToken = (await countAdmins(database.db)) === 0 ? await issueSetupToken(database.db) : null;

    const { app, routes } = await buildServer({
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      publicUrl: config.publicUrl,
      resolvePrincipal: createPrincipalResolver({ db: database.db, auth, now, staffIdleMinutes: config.staffSessionIdleMinutes }),
      freshFactorMinutes: config.freshFactorMinutes,
      now,
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    registerHealth(app, () => database.ping());
    for (const m of modules) m.registerRoutes(app, deps);
    const pageFallback = options.serveWeb !== false ? await registerWebApp(app, config.webDistDir) : undefined;
    app.setNotFoundHandler(notFoundHandler(routes, pageFallback));
    app.route({
      method: 'GET',
      url: '/api/v1/openapi.json',
      config: { policy: { kind: 'public' } },
      schema: { hide: true },
      handler: () => app.swagger(),
    });
    // Sends queued e-mail on a timer when SMTP_URL is set (a no-op otherwise); stopped before the jobs drain.
    const outbox = outboxDispatcherFor(deps, (err) => app.log.error({ err }, 'outbox pass failed'));
    outbox.start();
    app.addHook('onClose', async () => {
      outbox.stop();
      // Running jobs finish (or fail) before the database goes away; then the solver threads stop.
      await jobs.drain();
      await solver.close();
      await database.close();
    });
    await app.ready();
    return { app, database, auth, deps, routes, setupToken, close: () => app.close() };
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }
}
