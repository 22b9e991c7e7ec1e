/**
 * Global setup of the browser tier: one migrated and seeded PGlite data directory (the 2019 plan and
 * the 2020 pilot, which every start seeds anyway) and one Chromium for the whole run. Each test file
 * still gets its own database (a copy of the template), its own app on its own port and its own
 * browser context (cookies, storage), so files stay independent and may run in parallel; what they
 * no longer pay for is `initdb`, the migrations, the seeds and a browser launch each.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { seedPlan2019 } from '../../src/modules/administration/seed.js';
import { seedCourses } from '../../src/modules/courses/seed.js';
import { openDatabase } from '../../src/platform/db/client.js';
import { CHROMIUM_ARGS } from './browser-args.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-template-'));
  const file = path.join(dir, 'template.tar');
  const db = await openDatabase({ kind: 'pglite' });
  await db.migrate();
  // The seeds createOpenCampus runs at every start; they are idempotent, so a seed added to a module
  // later and missing here is still run by each file's app, only slower.
  await seedPlan2019(db.db);
  await seedCourses(db.db);
  const blob = await db.dumpDataDir!();
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  process.env.OC_PGLITE_E2E_TEMPLATE = file;

  // Without a browser the files skip (or, under CI, fail with the reason): nothing to start here.
  // A UTF-8 locale whatever the shell has: files handed to the browser keep their Korean names
  // (under the C locale of a bare CI shell, an upload of "포트폴리오 2020.pdf" never arrives).
  const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  const server = existsSync(CHROMIUM) ? await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env }) : null;
  if (server) process.env.OC_E2E_BROWSER_WS = server.wsEndpoint();
  return async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
