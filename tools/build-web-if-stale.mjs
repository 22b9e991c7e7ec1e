#!/usr/bin/env node
// `npm start` builds the web app only when it is missing or older than its sources (web/, locales/,
// src/shared/), so a restart takes about a second instead of a full Vite build every time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist/web', 'index.html'); // where `npm run build:web` writes it

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = Math.max(...['web', 'locales', 'src/shared'].map((d) => newest(path.join(root, d))), statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (existsSync(built) && statSync(built).mtimeMs >= sources) {
  process.stdout.write('Web app is up to date (dist/web).\n');
} else {
  process.stdout.write(existsSync(built) ? 'Web sources changed: rebuilding the web app…\n' : 'Building the web app (first start, a few seconds)…\n');
  const started = Date.now();
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
