/**
 * Staff in a real browser: sign in through the form, every admin page in both languages with zero
 * axe violations (a dialog open too), and the journey the plan is run by — an admin changes a
 * budget line and, signed out, the public total has changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, checkPage, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let admin: E2EUser;

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  admin = await e.createUser(['admin'], 'Kim Admin');
});
afterAll(async () => {
  await e?.close();
});

const ADMIN_PAGES = ['/admin', '/admin/plan', '/admin/budget', '/admin/audit', '/admin/users'];
const PUBLIC_PAGES = ['/', '/plan', '/schedule', '/budget'];

describe.skipIf(!run)('staff pages', () => {
  it('signs in through the form and lands in the admin area', async () => {
    const page = await e.newPage('ko');
    await signInViaForm(page, e.baseUrl, admin.email, admin.password);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect.poll(() => page.locator('header').textContent()).toContain('Kim Admin');
    await page.close();
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`every page as admin in ${lang}: right lang, one h1, no axe violations`, async () => {
      const page = await e.newPage(lang);
      const problems: string[] = [];
      for (const path of [...ADMIN_PAGES, ...PUBLIC_PAGES]) {
        await e.open(page, path);
        await checkPage(page, lang, `${lang} ${path}`, problems);
      }
      // A dialog open, with the server's field errors shown.
      await page.goto(`${e.baseUrl}/admin/budget`);
      await page.locator('[data-testid="budget-total"]').waitFor();
      await page.locator('button[id^="budget-edit-"]').first().click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      for (const v of await axeViolations(page)) problems.push(`${lang} budget dialog: ${v}`);
      await page.keyboard.press('Escape');
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('an admin changes a budget formula and the public total follows', async () => {
    const page = await e.newPage('en');
    await page.goto(`${e.baseUrl}/admin/budget`);
    const total = page.getByTestId('budget-total');
    await expect.poll(() => total.textContent()).toContain('204,000');

    await page.getByRole('button', { name: 'Edit Domestic faculty lecture fees' }).click();
    const dialog = page.getByRole('dialog');
    const days = dialog.getByLabel('Quantity').first();
    await expect.poll(() => days.inputValue()).toBe('16');
    await days.fill('20');
    await expect.poll(() => dialog.getByTestId('formula-preview').textContent()).toContain('300,000 KRW × 20 days × 2 people');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // 300,000 × 20 × 2 = 12,000 thousand instead of 9,600: the plan total grows by 2,400.
    await expect.poll(() => total.textContent()).toContain('206,400');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${e.baseUrl}/`);
    await page.goto(`${e.baseUrl}/budget`);
    await expect.poll(() => page.getByTestId('budget-total').textContent()).toContain('206,400');
    await expect.poll(() => page.locator('[data-line-key="lecture-fees"]').textContent()).toContain('300,000 KRW × 20 days × 2 people');
    // Signed out, citizens see spending against plan per line (issue 9: plan vs actual for citizens).
    expect(await page.locator('main').textContent()).toContain('Execution rate');

    // The change is in the audit log with who and what.
    const entries = await e.campus.database.db.query.auditLog.findMany();
    expect(entries.some((a) => a.action === 'budget_line.update')).toBe(true);
    await page.close();
  });
});
