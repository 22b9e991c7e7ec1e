/**
 * What every command-line entry point shares: the one config loader, the data-folder lock (so a
 * command never opens an embedded database a server or another command holds), a line saying which
 * database it works on, and the exit codes: 2 bad configuration or usage, 4 data folder in use,
 * 1 anything else.
 */
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { DataFolderBusy, lockDataFolder, type FolderLock } from '../platform/db/folder-lock.js';

export const EXIT_USAGE = 2;
export const EXIT_BUSY = 4;

/** Where the data lives, for people: never the password of a DATABASE_URL. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDir} (DATA_DIR)`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} (DATABASE_URL)`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

export interface CommandContext {
  config: Config;
  lock: FolderLock | null;
}

/**
 * Loads the configuration and, for the embedded database, takes the folder's lock. Throws
 * ConfigError or DataFolderBusy, which runCommand turns into a message and an exit code.
 */
export function prepareCommand(command: string, env: Record<string, string | undefined> = process.env, options: { quiet?: boolean } = {}): CommandContext {
  const config = loadConfig(env);
  const lock = config.databaseUrl ? null : lockDataFolder(config.dataDir, command);
  if (!options.quiet) process.stdout.write(`${command}: using ${describeDatabase(config)}\n`);
  return { config, lock };
}

/** Runs `main` and exits with its code, or with a clear message for the errors every command shares. */
export function runCommand(command: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
        process.exit(EXIT_USAGE);
      }
      if (err instanceof DataFolderBusy) {
        process.stderr.write(`${command} refused: ${err.message}\n`);
        process.exit(EXIT_BUSY);
      }
      process.stderr.write(`${command} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
