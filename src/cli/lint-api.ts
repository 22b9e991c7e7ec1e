/**
 * npm run lint:api: builds the app on a throw-away in-memory database (no server listens), writes
 * its OpenAPI document to a temporary file and lints it with Redocly's recommended rules
 * (redocly.yaml). The exit code is Redocly's, so CI fails on any error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOpenCampus } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-openapi-'));
  try {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: dir, PUBLIC_URL: process.env.PUBLIC_URL ?? 'https://campus.example.org', SOLVER_THREADS: '1' });
    const campus = await createOpenCampus({ config, database: await openDatabase({ kind: 'pglite' }), serveWeb: true });
    const file = path.join(dir, 'openapi.json');
    try {
      writeFileSync(file, JSON.stringify(campus.app.swagger(), null, 2));
    } finally {
      await campus.close();
    }
    const bin = path.join(process.cwd(), 'node_modules', '.bin', 'redocly');
    const result = spawnSync(bin, ['lint', file, '--config', path.join(process.cwd(), 'redocly.yaml'), ...process.argv.slice(2)], { stdio: 'inherit' });
    return result.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
