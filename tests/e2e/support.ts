/**
 * End-to-end harness: the real app (built web + API) listening on a free local port over a fresh
 * embedded database, and Debian's Chromium driven by playwright-core. Under CI=true a missing
 * browser or a missing web build is a failure, not a skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, request as apiRequest, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import { createOpenCampus, type OpenCampus } from '../../src/app.js';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/platform/config.js';
import { CHROMIUM_ARGS } from '../support/browser-args.js';
import { openTestDatabase } from '../support/database.js';
import { freePort } from '../support/factories.js';
import { codeFindings } from './no-codes.js';

export { codeFindings, expectNoCodes } from './no-codes.js';
import { logFileWriter } from '../support/log-audit.js';
import { totpCode } from '../support/totp.js';
import { markVerified } from '../support/verified.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// OC_E2E_WEB_DIST lets parallel work build the web app into its own folder.
const WEB_DIST = process.env.OC_E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../../dist/web');

/** Whether e2e tests can run here; under CI they must. */
export function browserAvailable(): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(path.join(WEB_DIST, 'index.html'));
  if (!ok && process.env.CI) throw new Error(`CI requires ${CHROMIUM} and a web build in ${WEB_DIST} (npm run build:web).`);
  return ok;
}

export interface E2EUser {
  id: string;
  email: string;
  password: string;
  name: string;
  /** Staff and admins have set up two-factor sign-in: the Base32 secret their "app" holds. */
  totpSecret: string | null;
}

/** Secrets of the accounts made here, so the sign-in helpers can answer the code step. */
const totpSecrets = new Map<string, string>();

/**
 * Sets up two-factor sign-in for an account through better-auth directly (as the app's routes do):
 * secret from the otpauth address, confirmed with a first code. Returns the Base32 secret.
 */
async function enrolTwoFactor(campus: OpenCampus, email: string, password: string): Promise<string> {
  const signIn = await campus.auth.api.signInEmail({ body: { email, password }, asResponse: true });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const headers = new Headers({ cookie });
  const enabled = await campus.auth.api.enableTwoFactor({ body: { password }, headers });
  if (enabled.method !== 'totp') throw new Error('two-factor enrolment did not hand out a TOTP secret');
  const secret = new URL(enabled.totpURI).searchParams.get('secret')!;
  await campus.auth.api.verifyTOTP({ body: { code: totpCode(secret) }, headers });
  return secret;
}

/** An API client signed in as someone; `csrf()` is the token to echo in x-csrf-token on writes. */
export interface SignedInApi {
  api: APIRequestContext;
  csrf: () => Promise<string>;
}

export interface E2E {
  campus: OpenCampus;
  baseUrl: string;
  context: BrowserContext;
  newPage(lang?: 'ko' | 'en'): Promise<Page>;
  /** Goes to `path` and waits for the page's heading. */
  open(page: Page, path: string): Promise<void>;
  /** Creates an account with `roles` directly through the API (address verified) and returns its id and credentials. */
  createUser(roles: ('admin' | 'staff')[], name?: string): Promise<E2EUser>;
  /** Signs `who` in through the API, as the web app does (same origin, CSRF token echoed); dispose of `api` after. */
  signedInApi(who: { email: string; password: string }): Promise<SignedInApi>;
  close(): Promise<void>;
}

/** The actor of seed data written through the use cases, as the audit log shows it. */
export const SEED_ACTOR = { userId: null, label: 'e2e' };

let counter = 0;


/**
 * The run's Chromium (started once by tests/support/e2e-setup.ts), or one of this file's own when the
 * file runs outside that setup. `close()` on a connected browser closes only this file's contexts.
 */
export async function connectBrowser(): Promise<Browser> {
  const ws = process.env.OC_E2E_BROWSER_WS;
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
}

export async function startE2E(): Promise<E2E> {
  // The public URL is where the browser is, so origin checks see a same-origin app.
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    // Every request is logged into the run's log folder, which the log audit scans at the end.
    LOG_LEVEL: 'info',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AUTH_RATE_LIMIT: '1000',
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-123456',
    WEB_DIST_DIR: WEB_DIST,
    // Uploads go to DATA_DIR/files: a folder of this run's own, never the working copy's ./data.
    DATA_DIR: dataDir,
  });
  const database = await openTestDatabase('pglite', process.env.OC_PGLITE_E2E_TEMPLATE);
  const toFile = logFileWriter(path.relative(process.cwd(), expect.getState().testPath ?? 'e2e'));
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      toFile(String(chunk));
      cb();
    },
  });
  const campus = await createOpenCampus({ config, database, logStream });
  await campus.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await connectBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    // No transitions: axe then checks what a person sees once a dialog has opened, never a half-faded frame.
    reducedMotion: 'reduce',
  });
  context.on('page', trackRequests);
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
    open: async (page, path) => {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('main h1').first().waitFor();
    },
    createUser: async (roles, name) => {
      counter += 1;
      const email = `e2e${counter}-${Date.now()}@example.org`;
      const password = 'e2e password 1234';
      const userName = name ?? `E2E User ${counter}`;
      const res = await campus.auth.api.signUpEmail({ body: { email, password, name: userName, locale: 'ko' } });
      await markVerified(campus.database.db, res.user.id);
      for (const role of roles) await grantGlobalRole(campus.database.db, res.user.id, role, null);
      // Administrators must use two-factor sign-in; staff are set up alike (exports ask for a code).
      const totpSecret = roles.length > 0 ? await enrolTwoFactor(campus, email, password) : null;
      if (totpSecret) totpSecrets.set(email, totpSecret);
      return { id: res.user.id, email, password, name: userName, totpSecret };
    },
    signedInApi: async (who) => {
      const api = await apiRequest.newContext({ baseURL: baseUrl, extraHTTPHeaders: { origin: baseUrl } });
      await api.get('/api/v1/me');
      const csrf = async () => (await api.storageState()).cookies.find((c) => c.name === 'oc_csrf')!.value;
      const res = await api.post('/api/v1/auth/sign-in', { data: { email: who.email, password: who.password }, headers: { 'x-csrf-token': await csrf() } });
      const secret = totpSecrets.get(who.email);
      if (secret && res.status() === 202) {
        const second = await api.post('/api/v1/auth/two-factor', { data: { code: totpCode(secret) }, headers: { 'x-csrf-token': await csrf() } });
        expect(second.status(), await second.text()).toBe(200);
      } else expect(res.status(), await res.text()).toBe(200);
      return { api, csrf };
    },
    close: async () => {
      await context.close();
      await browser.close();
      await campus.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core on the current page state with the WCAG 2.0–2.2 A/AA tags, plus `target-size` (2.5.8),
 * which axe leaves off by default; returns violations as readable lines. Every page the suite
 * sweeps with axe is also read for raw codes and ids (no-codes.ts), reported the same way.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: AXE_TAGS }, rules: { 'target-size': { enabled: true } } })
    .analyze();
  const violations = results.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  // Codes and ids shown raw (see no-codes.ts) fail the test that visited the page, like axe violations.
  const codes = (await codeFindings(page)).map((f) => `no-codes: ${f}`);
  return [...violations, ...codes];
}


/**
 * Signs in through the web form like a person would (keyboard and labels); for an account with
 * two-factor sign-in (made by createUser), the code its app would show goes into the code step.
 */
export async function signInViaForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('input[type="password"]').press('Enter');
  await answerCodeStep(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** After the password step of an account with two-factor sign-in: types the current code. */
export async function answerCodeStep(page: Page, email: string): Promise<void> {
  const secret = totpSecrets.get(email);
  if (!secret) return;
  const field = page.locator('#sign-in-code');
  await field.waitFor();
  await field.fill(totpCode(secret));
  await field.press('Enter');
}

/** The app's own requests (fetch and XHR) under way on each page, with when each started. */
const inFlight = new WeakMap<Page, Map<Request, number>>();
/** A request pending longer than this is a stream or a hung call, not data the page waits for. */
const STALE_MS = 5_000;

export function trackRequests(page: Page): void {
  const pending = new Map<Request, number>();
  inFlight.set(page, pending);
  page.on('request', (r) => {
    if (['fetch', 'xhr'].includes(r.resourceType())) pending.set(r, Date.now());
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  // A new document: what the old one had under way no longer shows (and is not always reported).
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) pending.clear();
  });
}

function requestsUnderWay(page: Page): number {
  const now = Date.now();
  return [...(inFlight.get(page)?.values() ?? [])].filter((started) => now - started < STALE_MS).length;
}

/**
 * Waits until the page shows its data: no request of the app under way and no loading state
 * (LoadState's `data-oc-loading`) on the page, twice in a row a frame apart, so a request that an
 * answer sets off is waited for too. This replaces Playwright's `networkidle`, which waits a fixed
 * half second after the last request and never settles while a page polls.
 */
export async function dataLoaded(page: Page, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 2) {
    if (Date.now() > deadline) throw new Error(`the page at ${page.url()} kept loading for ${timeoutMs} ms; under way: ${[...(inFlight.get(page)?.keys() ?? [])].map((r) => r.url()).join(', ') || 'none'}`);
    const busy = requestsUnderWay(page) > 0 || (await page.evaluate(() => new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(document.querySelector('[data-oc-loading]') !== null)))));
    quietChecks = busy ? 0 : quietChecks + 1;
    if (busy) await page.waitForTimeout(25);
  }
}

/** Waits for the page's heading and for its data to have arrived. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await dataLoaded(page);
}

/** axe on the page once its data has arrived; violations are added to `problems` under `label`. */
export async function expectNoAxe(page: Page, label: string, problems: string[]): Promise<void> {
  await dataLoaded(page);
  for (const v of await axeViolations(page)) problems.push(`${label}: ${v}`);
}

/**
 * What every page must have, once it has settled: `<html lang>` in the page's language, one h1,
 * and no axe violations (added to `problems` under `label`).
 */
export async function checkPage(page: Page, lang: 'ko' | 'en', label: string, problems: string[]): Promise<void> {
  await settled(page);
  expect(await page.getAttribute('html', 'lang'), label).toBe(lang);
  expect(await page.locator('main h1').count(), label).toBe(1);
  await expectNoAxe(page, label, problems);
}

/** Presses a control with the keyboard, as a keyboard-only user would: focus it, then the key. */
export async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await target.press(key);
}

export interface FocusStop {
  key: string;
  href: string;
  /** An outline or a focus ring shows. */
  visible: boolean;
  /** Under 24 px either way and not a link inside a sentence (WCAG 2.5.8). */
  small: boolean;
}

/**
 * Presses Tab up to `max` times from where focus is and describes each element reached, until focus
 * comes back to one already seen, rests on the page itself, or (with `withinMain`) leaves the main region.
 * "Already seen" is the same element, not the same address and name: a page may rightly link to one
 * place twice (the staff menu and a call's own menu both lead to the outbox).
 */
export async function tabStops(page: Page, max: number, withinMain: boolean): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  await page.evaluate(() => {
    (window as unknown as { ocTabSeen: WeakSet<Element> }).ocTabSeen = new WeakSet();
  });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((onlyMain) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || (onlyMain && !el.closest('main'))) return null;
      const seen = (window as unknown as { ocTabSeen: WeakSet<Element> }).ocTabSeen;
      if (seen.has(el)) return null;
      seen.add(el);
      const s = getComputedStyle(el);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      const box = el.getBoundingClientRect();
      // Links inside a sentence are exempt from the 24 px rule (WCAG 2.5.8, "inline").
      const small = s.display !== 'inline' && (box.height < 24 || box.width < 24);
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
      const href = el.getAttribute('href') ?? '';
      return { key: `${el.tagName}#${el.id}:${href}:${name}`, href, visible, small };
    }, withinMain);
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

/**
 * Tabs through the main region from its start, like a keyboard user after "skip to content"; returns
 * the stops that show no focus outline or ring, or are under 24 px. Fails when fewer than `minStops` are reached.
 */
export async function invisibleFocusStops(page: Page, minStops: number, maxStops = 80): Promise<string[]> {
  await page.locator('#main').focus();
  const stops = await tabStops(page, maxStops, true);
  expect(stops.length, stops.map((s) => s.key).join('\n')).toBeGreaterThanOrEqual(minStops);
  const invisible: string[] = [];
  for (const stop of stops) {
    if (!stop.visible) invisible.push(stop.key);
    if (stop.small) invisible.push(`${stop.key} (smaller than 24 px)`);
  }
  return invisible;
}

/** A tiny but valid one-page PDF (offsets in the xref table are exact). */
export function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
