/**
 * One campus for a command-line test: a fresh data folder, and, when the run is on PostgreSQL
 * (TEST_DATABASE_URL), a fresh database of its own too, so a command sees exactly what the test
 * put there. `env` is what the command is started with (DATA_DIR, and DATABASE_URL on PostgreSQL);
 * `open` opens the same database from the test. `cleanup` removes both.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.js';
import { testDbKind } from './database.js';
import { tempDataDir } from './factories.js';

export interface CliCampus {
  env: Record<string, string>;
  dataDir: string;
  kind: 'pglite' | 'postgres';
  open: () => Promise<Database>;
  cleanup: () => Promise<void>;
}

async function admin<T>(base: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function cliCampus(extraEnv: Record<string, string> = {}): Promise<CliCampus> {
  const dataDir = tempDataDir();
  const env: Record<string, string> = { DATA_DIR: dataDir, ...extraEnv };
  if (testDbKind() !== 'postgres') {
    return {
      env,
      dataDir,
      kind: 'pglite',
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `oc_cli_${randomBytes(6).toString('hex')}`;
  await admin(base, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  return {
    env,
    dataDir,
    kind: 'postgres',
    open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }),
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await admin(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
