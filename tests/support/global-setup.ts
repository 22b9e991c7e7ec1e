/**
 * Builds one migrated PGlite data directory per test run and hands its tarball to every test file,
 * so each file opens a fresh database without paying for initdb and migrations again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/platform/db/client.js';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-pglite-template-'));
  const file = path.join(dir, 'template.tar');
  const db = await openDatabase({ kind: 'pglite' });
  await db.migrate();
  const blob = await db.dumpDataDir!();
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  process.env.OC_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
