/**
 * `npm start`: serves Open Campus. With no DATABASE_URL the embedded database lives in DATA_DIR
 * (created and migrated on first start) and is locked against other processes while the server runs;
 * SIGINT/SIGTERM close the server and the database.
 */
import { createOpenCampus } from '../app.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { DataFolderBusy, lockDataFolder } from '../platform/db/folder-lock.js';
import { EXIT_BUSY } from './command.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw err;
  }
  // The embedded database allows one process per folder: commands (demo:load, admin:create,
  // retention:purge) and a second server are refused while this one runs. Released on exit.
  if (!config.databaseUrl) {
    try {
      lockDataFolder(config.dataDir, 'npm start (src/cli/start.ts)');
    } catch (err) {
      if (err instanceof DataFolderBusy) {
        process.stderr.write(`Open Campus cannot start: ${err.message}\n`);
        process.exit(EXIT_BUSY);
      }
      throw err;
    }
  }
  const campus = await createOpenCampus({ config });
  const { app } = campus;
  app.log.info({ database: campus.database.label }, 'database ready');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    campus
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (campus.setupToken) {
    // Printed to the terminal, not the JSON log stream: it is a secret meant for the operator.
    process.stdout.write(
      `\n  No administrator yet. Open ${config.publicUrl}/setup and use this one-time setup token:\n\n    ${campus.setupToken}\n\n` +
        `  Or create one from the command line: npm run admin:create -- --email you@example.org --name "Your Name" (password on stdin)\n\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Open Campus failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
