/** Keyboard users: the skip link comes first, everything in the header is reachable, focus is visible. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startE2E, tabStops, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('keyboard access', () => {
  it('reaches the skip link first, jumps to main, and shows focus on every stop', async () => {
    const page = await e.newPage('ko');
    await e.open(page, '/budget');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');

    // Walk the whole page with Tab: every focused element shows an outline or a focus ring.
    await e.open(page, '/');
    const stops = await tabStops(page, 60, false);
    expect(stops.filter((s) => !s.visible).map((s) => s.key)).toEqual([]);
    expect(stops.map((s) => s.href)).toEqual(expect.arrayContaining(['/plan', '/schedule', '/budget', '/sign-in']));
    await page.close();
  });

  it('signs in with the keyboard alone', async () => {
    const user = await e.createUser([]);
    const page = await e.newPage('en');
    await e.open(page, '/sign-in');
    await page.locator('input[type="email"]').focus();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await expect.poll(() => page.locator('header').textContent()).toContain(user.name);
    await page.close();
  });
});
