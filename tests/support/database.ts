/**
 * A fresh database for one test file: PGlite from the migrated template, or — in the
 * integration-postgres project — a new database on the TEST_DATABASE_URL server, dropped afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.OC_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * `template`: the PGlite data directory to start from (the browser tier's is migrated and seeded);
 * by default the run's migrated template, or a fresh `initdb` when there is none.
 */
export async function openTestDatabase(kind: TestDbKind = testDbKind(), template = process.env.OC_PGLITE_TEMPLATE): Promise<Database> {
  if (kind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    const name = `oc_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
    const close = database.close.bind(database);
    database.close = async () => {
      await close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
    return database;
  }
  const loadDataDir = template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
  return openDatabase({ kind: 'pglite', loadDataDir });
}
