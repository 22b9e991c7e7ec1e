/**
 * Signing up in a real browser: a new address ends signed in, an address that already has an
 * account gets the same answer from the server and a "check your e-mail" notice here (its owner
 * gets the mail), and a common password is refused under the password box; axe-clean throughout.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import { browserAvailable, expectNoAxe, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

async function fillSignUp(page: import('playwright-core').Page, name: string, email: string, password: string) {
  await page.goto(`${e.baseUrl}/sign-up`);
  await page.getByLabel('이름').fill(name);
  await page.getByLabel('이메일').fill(email);
  await page.locator('#sign-up-password').fill(password);
  await page.locator('#sign-up-password').press('Enter');
}

describe.skipIf(!run)('sign-up', () => {
  it('signs a new address in, tells a known one to check its mail, and refuses a common password', async () => {
    const problems: string[] = [];
    const page = await e.newPage('ko');

    const email = `newcomer-${Date.now()}@example.org`;
    await fillSignUp(page, '새 시민', email, 'my cat naps on the piano');
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
    await expect.poll(() => page.locator('header').textContent()).toContain('새 시민');
    await page.context().clearCookies();

    const owner = await e.createUser([], '주인');
    await fillSignUp(page, '다른 사람', owner.email, 'a different long password');
    const notice = page.getByRole('status').filter({ hasText: '이메일을 확인해 주세요' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(owner.email);
    expect(page.url()).toContain('/sign-up');
    await page.screenshot({ path: '/tmp/oc-e2e-sign-up-known.png', fullPage: true });
    await expectNoAxe(page, 'known address', problems);
    const mails = await e.campus.database.db.select().from(outboxMessages).where(eq(outboxMessages.toUserId, owner.id));
    expect(mails.map((m) => m.kind)).toEqual(['account_sign_up_attempt']);

    await fillSignUp(page, '약한 비번', `weak-${Date.now()}@example.org`, 'password123');
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain('유출된 적이 있는 비밀번호');
    // Under the password box, and tied to it for screen readers.
    expect(await page.locator('#sign-up-password-error').textContent()).toContain('유출된 적이 있는 비밀번호');
    expect(await page.locator('#sign-up-password').getAttribute('aria-describedby')).toContain('sign-up-password-error');
    expect(await page.getByRole('status').filter({ hasText: '이메일을 확인해 주세요' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/oc-e2e-sign-up-weak.png', fullPage: true });
    await expectNoAxe(page, 'weak password', problems);
    await page.close();
    expect(problems).toEqual([]);
  });
});
