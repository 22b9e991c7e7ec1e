/**
 * Signing up in a real browser: a new address ends signed in, an address that already has an
 * account gets the same answer from the server and a "check your e-mail" notice here (its owner
 * gets the mail), and a common password is refused under the password box. Then the whole
 * confirmation journey without a mail server: sign up, the pending banner, staff read the link in
 * the outbox, the person opens it, the banner goes, and applying works. Axe-clean throughout.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCall, publishCall } from '../../src/modules/recruitment/use-cases.js';
import { applications, outboxMessages, users } from '../../src/platform/db/schema/index.js';
import { CallInput } from '../../src/shared/contracts/recruitment.js';
import { callBody } from '../factories/recruitment.js';
import { browserAvailable, expectNoAxe, press, SEED_ACTOR, signInViaForm, startE2E, type E2E } from './support.js';

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

  it('confirms an address through the link staff read in the outbox, and then lets the person apply', async () => {
    const problems: string[] = [];
    const call = await createCall(e.campus.database.db, SEED_ACTOR, CallInput.parse(callBody()));
    await publishCall(e.campus.database.db, SEED_ACTOR, call.id, new Date());
    await e.context.clearCookies();
    const page = await e.newPage('ko');

    // Sign up: signed in at once, with the pending banner on every page.
    const email = `journey-${Date.now()}@example.org`;
    await fillSignUp(page, '확인 대기', email, 'my cat naps on the piano');
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
    const banner = page.getByTestId('verification-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(email);
    await page.goto(`${e.baseUrl}/calls/${call.id}`);
    await banner.waitFor();
    await page.screenshot({ path: '/tmp/oc-e2e-verification-pending.png', fullPage: true });
    await expectNoAxe(page, 'pending banner', problems);
    const [user] = await e.campus.database.db.select().from(users).where(eq(users.email, email));

    // Applying is refused on the server, in Korean, until the address is confirmed.
    const csrf = (await e.context.cookies()).find((c) => c.name === 'oc_csrf')!.value;
    const early = await page.request.put(`${e.baseUrl}/api/v1/calls/${call.id}/my-application`, { data: { answers: {} }, headers: { 'x-csrf-token': csrf, origin: e.baseUrl } });
    expect(early.status()).toBe(403);
    expect((await early.json()).error.message).toContain('먼저 이메일 주소를 확인해 주세요');

    // "Send again" from the banner queues a fresh link and says so.
    await press(banner.getByRole('button', { name: '링크 다시 보내기' }));
    await expect.poll(() => banner.getByRole('status').textContent()).toContain('새 링크를 보냈습니다');

    // No mail server: staff open the outbox and read the message with the link.
    await e.context.clearCookies();
    const staff = await e.createUser(['staff'], '담당자');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await e.open(page, '/admin/review/outbox');
    const table = page.getByTestId('outbox-table');
    // Two messages: the first link, retired by "send again", and the new one (newest first).
    const rows = table.locator('tbody tr').filter({ hasText: email });
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('대체');
    const row = rows.first();
    expect(await row.textContent()).toContain('계정: 이메일 주소 확인');
    await press(row.getByRole('button', { name: /^본문 읽기/ }));
    const dialog = page.getByRole('dialog');
    const body = (await dialog.getByTestId('outbox-body').textContent()) ?? '';
    const link = /http:\/\/127\.0\.0\.1:\d+\/verify-email#token=\S+/.exec(body)?.[0];
    expect(link, body).toBeDefined();
    await page.screenshot({ path: '/tmp/oc-e2e-verification-outbox.png', fullPage: true });
    await expectNoAxe(page, 'outbox dialog', problems);
    await page.keyboard.press('Escape');

    // The person opens the link (passed on by staff), signed in as themselves.
    await e.context.clearCookies();
    await signInViaForm(page, e.baseUrl, email, 'my cat naps on the piano');
    await page.goto(link!);
    await page.getByRole('status').filter({ hasText: '이메일 주소가 확인되었습니다' }).waitFor();
    // The secret does not stay in the address bar.
    expect(page.url()).not.toContain('token');
    expect(await page.getByTestId('verification-banner').count()).toBe(0);
    await page.screenshot({ path: '/tmp/oc-e2e-verification-done.png', fullPage: true });
    await expectNoAxe(page, 'verified', problems);

    // Now the application form saves the draft.
    await page.goto(`${e.baseUrl}/calls/${call.id}`);
    await page.getByLabel('지원 동기').fill('도시 문제를 시민과 함께 풀고 싶습니다.');
    await expect
      .poll(async () => (await e.campus.database.db.select().from(applications).where(and(eq(applications.callId, call.id), eq(applications.userId, user!.id)))).length, { timeout: 15_000 })
      .toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });
});
