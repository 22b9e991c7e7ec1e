/** Keyboard users: the skip link comes first, everything in the header is reachable, focus is visible. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startE2E, type E2E } from './support.js';

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
    await page.goto(`${e.baseUrl}/budget`);
    await page.locator('main h1').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');

    // Walk the whole page with Tab: every focused element shows an outline or a focus ring.
    await page.goto(`${e.baseUrl}/`);
    await page.locator('main h1').first().waitFor();
    const seen = new Set<string>();
    const invisible: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return { key: `${el.tagName}:${el.getAttribute('href') ?? ''}:${el.textContent?.trim().slice(0, 30) ?? ''}`, visible };
      });
      if (!info) continue;
      if (seen.has(info.key)) break;
      seen.add(info.key);
      if (!info.visible) invisible.push(info.key);
    }
    expect(invisible).toEqual([]);
    const keys = [...seen].join('\n');
    for (const href of ['/plan', '/schedule', '/budget', '/sign-in']) expect(keys).toContain(`:${href}:`);
    await page.close();
  });

  it('signs in with the keyboard alone', async () => {
    const user = await e.createUser([]);
    const page = await e.newPage('en');
    await page.goto(`${e.baseUrl}/sign-in`);
    await page.locator('main h1').first().waitFor();
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
