/**
 * The HTML part of e-mails as a person sees it, in Chromium: a reviewer invitation (two
 * languages, an unsubscribe link) and an address confirmation, built by the same function the
 * dispatcher hands to SMTP (mailFor), with user content holding markup. axe finds nothing, the
 * markup stays text, and screenshots go to /tmp for a look. Then the unsubscribe link: its page
 * in both languages passes axe, the keyboard reaches the button, and submitting it opts out, after
 * which the next invitation shows as not sent in the staff outbox.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOptOut, outboxMessages } from '../../src/platform/db/schema/index.js';
import { mailFor } from '../../src/platform/mail/dispatcher.js';
import type { ReviewerViewT } from '../../src/shared/contracts/review.js';
import { reviewCallBody } from '../factories/review.js';
import { browserAvailable, checkPage, expectNoAxe, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
const NASTY = '<script>alert(1)</script> & 김';
let e: E2E;
let staff: E2EUser;

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], '메일 담당자');
}, 120_000);
afterAll(async () => {
  if (run) await e.close();
});

async function invite(email: string, title: string): Promise<ReviewerViewT> {
  const { api, csrf } = await e.signedInApi(staff);
  try {
    const call = await api.post(`${e.baseUrl}/api/v1/admin/calls`, { headers: { 'x-csrf-token': await csrf() }, data: reviewCallBody({ title: { ko: title, en: `${NASTY} call` } }) });
    expect(call.status(), await call.text()).toBe(201);
    const { id } = (await call.json()) as { id: string };
    const res = await api.post(`${e.baseUrl}/api/v1/admin/calls/${id}/reviewers`, { headers: { 'x-csrf-token': await csrf() }, data: { email } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as ReviewerViewT;
  } finally {
    await api.dispose();
  }
}

/** The mail to `email` exactly as the dispatcher would send it. */
async function outgoing(email: string) {
  const rows = await e.campus.database.db.select().from(outboxMessages).where(eq(outboxMessages.toEmail, email));
  expect(rows).toHaveLength(1);
  return mailFor(rows[0]!, 'Open Campus <campus@example.org>', { publicUrl: e.campus.deps.config.publicUrl, secret: e.campus.deps.mailSecret });
}

describe.runIf(run)('e-mail HTML in a browser', () => {
  const reviewer = `mail-e2e-${Date.now()}@example.org`;

  it('reads well and passes axe: a bilingual invitation and an address confirmation, markup shown as text', async () => {
    await invite(reviewer, `${NASTY} 사회혁신 리빙랩 모집`);
    const invitation = await outgoing(reviewer);
    const signUp = `verify-e2e-${Date.now()}@example.org`;
    await e.campus.auth.api.signUpEmail({ body: { email: signUp, password: 'e2e password 1234', name: NASTY, locale: 'ko' } });
    const verification = await outgoing(signUp);

    const problems: string[] = [];
    for (const [label, mail] of [
      ['invitation', invitation],
      ['verification', verification],
    ] as const) {
      for (const width of [390, 1024]) {
        const page = await e.newPage();
        await page.setViewportSize({ width, height: 900 });
        // What a webmail shows in its frame: the document alone, no app around it.
        await page.setContent(mail.html, { waitUntil: 'load' });
        expect(await page.getAttribute('html', 'lang')).toBe('ko');
        expect(await page.title()).toMatch(/[\uAC00-\uD7A3]/);
        expect(await page.locator('[role="article"] h1').count()).toBe(1);
        // The user's markup is text: no script element, the characters visible as typed.
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('body').innerText()).toContain(NASTY);
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await expectNoAxe(page, `${label} at ${width}px`, problems);
        await page.screenshot({ path: `/tmp/mail-${label}-${width}.png`, fullPage: true });
        await page.close();
      }
    }
    expect(problems).toEqual([]);
    // The links say where they lead.
    const page = await e.newPage();
    await page.setContent(invitation.html);
    expect(await page.getByRole('link', { name: '심사위원 초대 열기' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Open the reviewer invitation' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '심사위원 초대·심사 안내 메일 받지 않기' }).count()).toBe(1);
    await page.close();
  });

  it('unsubscribes through the page of the link, with the keyboard; the next invitation is shown to staff as not sent', async () => {
    const mail = await outgoing(reviewer);
    const link = new URL(/<([^>]+)>/.exec(mail.headers['List-Unsubscribe']!)![1]!);
    const problems: string[] = [];
    for (const lang of ['ko', 'en'] as const) {
      const page = await e.newPage(lang);
      // A server-rendered page follows the browser's language, as a Korean or English browser sends it.
      await page.setExtraHTTPHeaders({ 'accept-language': lang });
      await page.goto(`${e.baseUrl}${link.pathname}${link.search}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxe(page, `unsubscribe page ${lang}`, problems);
      if (lang === 'ko') await page.screenshot({ path: '/tmp/mail-unsubscribe-ko.png', fullPage: true });
      await page.close();
    }
    expect(problems).toEqual([]);
    // Opening the page changed nothing.
    expect(await e.campus.database.db.select().from(mailOptOut).where(eq(mailOptOut.email, reviewer))).toEqual([]);

    const page = await e.newPage('ko');
    await page.setExtraHTTPHeaders({ 'accept-language': 'ko' });
    await page.goto(`${e.baseUrl}${link.pathname}${link.search}`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('수신 거부하기');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('수신 거부되었습니다');
    await expectNoAxe(page, 'unsubscribed page', problems);
    expect(problems).toEqual([]);
    expect(await e.campus.database.db.select().from(mailOptOut).where(eq(mailOptOut.email, reviewer))).toHaveLength(1);
    await page.close();

    await invite(reviewer, '두 번째 모집');
    const staffPage = await e.newPage('ko');
    await signInViaForm(staffPage, e.baseUrl, staff.email, staff.password);
    await e.open(staffPage, '/admin/review/outbox');
    const suppressed = staffPage.getByTestId('outbox-suppressed');
    await suppressed.first().waitFor();
    expect(await suppressed.first().textContent()).toBe('받는 사람이 수신 거부함(보내지 않음)');
    await checkPage(staffPage, 'ko', 'outbox with a suppressed mail', problems);
    expect(problems).toEqual([]);
    await staffPage.screenshot({ path: '/tmp/mail-outbox-ko.png', fullPage: true });
  });
});
