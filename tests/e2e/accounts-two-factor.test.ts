/**
 * Two-factor sign-in in a real browser. In Korean: an administrator without it signs in, is sent to
 * the account page, finds the staff area closed with guidance, sets up an "authenticator app" from
 * the secret shown as text, keeps the recovery codes, and then signs in with a code. In English: a
 * member sets it up and later signs in with a recovery code. Axe-clean at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { totpCode } from '../support/totp.js';
import { browserAvailable, expectNoAxe, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

/** Signs out by dropping the cookies, keeping the page's language. */
async function forget(page: Page, lang: 'ko' | 'en') {
  await page.context().clearCookies();
  await page.context().addCookies([{ name: 'oc_lang', value: lang, url: e.baseUrl }]);
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto(`${e.baseUrl}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('input[type="password"]').press('Enter');
}

/** Sets up two-factor sign-in on the account page as a person does; returns the secret read off the page and the recovery codes. */
async function enrol(page: Page, password: string, labels: { start: string; qr: string; code: string; confirm: string }, problems: string[], lang: string) {
  const section = page.getByTestId('two-factor-section');
  const passwordBox = section.locator('#two-factor-start-password');
  // Named by its label for assistive technology (the asterisk of a required field is hidden from it).
  expect(await passwordBox.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')).toContain(labels.start === '2단계 인증 설정하기' ? '현재 비밀번호' : 'Current password');
  await passwordBox.fill(password);
  await section.getByRole('button', { name: labels.start }).click();
  const qr = section.getByRole('img', { name: labels.qr });
  await qr.waitFor();
  // The QR code is drawn: a square of many dark modules.
  expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(1000);
  const secret = (await section.getByTestId('two-factor-secret').textContent())!.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const code = section.getByLabel(labels.code);
  expect(await code.getAttribute('inputmode')).toBe('numeric');
  expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
  await expectNoAxe(page, `${lang} enrolment step`, problems);

  // A wrong code first: the message sits under the field, in the page's language.
  await code.fill(String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0'));
  await section.getByRole('button', { name: labels.confirm }).click();
  await expect.poll(async () => (await code.getAttribute('aria-invalid')) ?? '').toBe('true');
  await expectNoAxe(page, `${lang} wrong code`, problems);

  await code.fill(totpCode(secret));
  await section.getByRole('button', { name: labels.confirm }).click();
  const panel = page.getByTestId('recovery-codes');
  await panel.waitFor();
  const codes = (await panel.getByRole('listitem').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await expectNoAxe(page, `${lang} recovery codes`, problems);
  return { secret, codes };
}

describe.skipIf(!run)('two-factor sign-in', () => {
  it('an administrator is asked to set it up, does so, and then signs in with a code (Korean)', async () => {
    const problems: string[] = [];
    const page = await e.newPage('ko');
    const admin = await e.createUser([], '김관리');
    await grantGlobalRole(e.campus.database.db, admin.id, 'admin', null);

    await passwordStep(page, admin.email, admin.password);
    await page.waitForURL('**/me/account#two-factor');
    await page.getByText('관리자는 반드시 사용해야 합니다').waitFor();
    await expectNoAxe(page, 'ko account page (required)', problems);

    await page.goto(`${e.baseUrl}/admin`);
    const guidance = page.getByRole('link', { name: '2단계 인증 설정하기' });
    await guidance.waitFor();
    await expectNoAxe(page, 'ko staff area guidance', problems);
    await guidance.click();
    await page.waitForURL('**/me/account#two-factor');

    const { secret } = await enrol(page, admin.password, { start: '2단계 인증 설정하기', qr: '인증 앱에 등록할 QR 코드', code: '인증 앱의 코드', confirm: '확인하고 켜기' }, problems, 'ko');
    await page.getByRole('button', { name: '저장했습니다' }).click();
    await page.getByText('2단계 인증이 켜져 있습니다.', { exact: false }).waitFor();
    // Administrators cannot turn it off.
    expect(await page.getByRole('button', { name: '2단계 인증 끄기' }).count()).toBe(0);

    await forget(page, 'ko');
    await passwordStep(page, admin.email, admin.password);
    const code = page.locator('#sign-in-code');
    await code.waitFor();
    await page.getByRole('heading', { name: '코드 입력' }).waitFor();
    await expectNoAxe(page, 'ko sign-in code step', problems);
    await code.fill(totpCode(secret));
    await code.press('Enter');
    await page.waitForURL('**/admin');
    await page.getByRole('navigation', { name: /관리/ }).waitFor();
    expect(problems).toEqual([]);
    await page.context().clearCookies();
    await page.close();
  });

  it('a member sets it up and signs in once with a recovery code (English)', async () => {
    const problems: string[] = [];
    const page = await e.newPage('en');
    const member = await e.createUser([], 'Alex Member');
    await passwordStep(page, member.email, member.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 2, name: 'Two-factor sign-in' }).waitFor();
    await expectNoAxe(page, 'en account page', problems);

    const { codes } = await enrol(page, member.password, { start: 'Set up two-factor sign-in', qr: 'QR code for your authenticator app', code: 'Code from your authenticator app', confirm: 'Confirm and turn on' }, problems, 'en');
    await page.getByRole('button', { name: 'I have saved them' }).click();

    await forget(page, 'en');
    await passwordStep(page, member.email, member.password);
    await page.getByRole('button', { name: "I don't have my phone: use a recovery code" }).click();
    const field = page.getByLabel('Recovery code');
    await field.fill(codes[0]!);
    await expectNoAxe(page, 'en recovery code step', problems);
    await field.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await expect.poll(() => page.locator('header').textContent()).toContain('Alex Member');

    // The same recovery code does not work twice.
    await forget(page, 'en');
    await passwordStep(page, member.email, member.password);
    await page.getByRole('button', { name: "I don't have my phone: use a recovery code" }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByLabel('Recovery code').press('Enter');
    await page.getByText('This recovery code is not correct or has already been used.').first().waitFor();
    expect(page.url()).toContain('/sign-in');
    expect(problems).toEqual([]);
    await page.close();
  });
});
