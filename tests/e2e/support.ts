/**
 * End-to-end harness: the real app (built web + API) listening on a free local port over a fresh
 * embedded database, and Debian's Chromium driven by playwright-core. Under CI=true a missing
 * browser or a missing web build is a failure, not a skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createOpenCampus, type OpenCampus } from '../../src/app.js';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/platform/config.js';
import { openTestDatabase } from '../support/database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// OC_E2E_WEB_DIST lets parallel work build the web app into its own folder.
const WEB_DIST = process.env.OC_E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../../dist/web');

/** Whether e2e tests can run here; under CI they must. */
export function browserAvailable(): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(path.join(WEB_DIST, 'index.html'));
  if (!ok && process.env.CI) throw new Error(`CI requires ${CHROMIUM} and a web build in ${WEB_DIST} (npm run build:web).`);
  return ok;
}

export interface E2E {
  campus: OpenCampus;
  baseUrl: string;
  context: BrowserContext;
  newPage(lang?: 'ko' | 'en'): Promise<Page>;
  /** Creates an account with `roles` directly through the API and returns its credentials. */
  createUser(roles: ('admin' | 'staff')[], name?: string): Promise<{ email: string; password: string; name: string }>;
  close(): Promise<void>;
}

let counter = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startE2E(): Promise<E2E> {
  // The public URL is where the browser is, so origin checks see a same-origin app.
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AUTH_RATE_LIMIT: '1000',
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-123456',
    WEB_DIST_DIR: WEB_DIST,
    // Uploads go to DATA_DIR/files: a folder of this run's own, never the working copy's ./data.
    DATA_DIR: dataDir,
  });
  const database = await openTestDatabase('pglite');
  const campus = await createOpenCampus({ config, database });
  await campus.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const userDir = mkdtempSync(path.join(os.tmpdir(), 'oc-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // No transitions: axe then checks what a person sees once a dialog has opened, never a half-faded frame.
    reducedMotion: 'reduce',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    campus,
    baseUrl,
    context,
    newPage: async (lang) => {
      if (lang) await context.addCookies([{ name: 'oc_lang', value: lang, url: baseUrl }]);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    createUser: async (roles, name) => {
      counter += 1;
      const email = `e2e${counter}-${Date.now()}@example.org`;
      const password = 'e2e password 1234';
      const userName = name ?? `E2E User ${counter}`;
      const res = await campus.auth.api.signUpEmail({ body: { email, password, name: userName, locale: 'ko' } });
      for (const role of roles) await grantGlobalRole(campus.database.db, res.user.id, role, null);
      return { email, password, name: userName };
    },
    close: async () => {
      await context.close();
      await campus.close();
      rmSync(userDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core on the current page state with the WCAG 2.0–2.2 A/AA tags, plus `target-size` (2.5.8),
 * which axe leaves off by default; returns violations as readable lines.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: AXE_TAGS }, rules: { 'target-size': { enabled: true } } })
    .analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Signs in through the web form like a person would (keyboard and labels). */
export async function signInViaForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('input[type="password"]').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
