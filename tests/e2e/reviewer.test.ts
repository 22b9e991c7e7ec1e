/**
 * Reviewing in a real browser: a reviewer with a pending invitation and one assigned application of
 * a blind-review call. Every page of the flow has zero axe violations in Korean and English (the
 * invitation link signed out, with a broken link, and signed in); then, in English and by keyboard
 * only, the reviewer opens the link from the invitation mail in the outbox, signs in on the way and
 * comes back to accept the invitation, opens the assignment, is told which criteria are unscored,
 * scores every criterion and submits. Staff re-send an invitation from the review setup page, and
 * only the new link works.
 */
import { eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCall, publishCall } from '../../src/modules/recruitment/use-cases.js';
import { inviteReviewer } from '../../src/modules/review/staff.js';
import { applications, callReviewers, calls, outboxMessages, reviewAssignments, reviews, storedFiles, users, type Rubric } from '../../src/platform/db/schema/index.js';
import { CallInput } from '../../src/shared/contracts/recruitment.js';
import { ReviewerInvite } from '../../src/shared/contracts/review.js';
import { callBody } from '../factories/recruitment.js';
import { axeViolations, browserAvailable, dataLoaded, signInViaForm, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
let reviewer: { email: string; password: string; name: string };
let assignmentId: string;
let conflictAssignmentId: string;
let blindCallId: string;
let invitingCallId: string;
/** The link in the invitation mail, as the reviewer receives it. */
let invitationLink: string;

const APPLICANT = 'Applicant Hong';
const ORGANISATION = '서울시민연대';
const RUBRIC: Rubric = {
  scaleMin: 1,
  scaleMax: 5,
  criteria: [
    { key: 'impact', label: { ko: '사회적 파급력', en: 'Social impact' }, description: { ko: '도시 문제에 얼마나 기여하는가', en: 'How much it helps with an urban problem' }, weight: 2 },
    { key: 'feasibility', label: { ko: '실현 가능성', en: 'Feasibility' }, weight: 1 },
    { key: 'collaboration', label: { ko: '협업 역량', en: 'Collaboration' }, weight: 1 },
  ],
};

async function userId(email: string): Promise<string> {
  const [row] = await e.campus.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

async function publishedCall(title: { ko: string; en: string }, settings: Partial<typeof calls.$inferInsert>): Promise<string> {
  const db = e.campus.database.db;
  const base = callBody();
  const input = CallInput.parse({
    ...base,
    title,
    questions: [
      ...base.questions,
      { key: 'organisation', type: 'organisation', required: false, label: { ko: '소속', en: 'Organisation' } },
      { key: 'portfolio', type: 'file', required: false, label: { ko: '포트폴리오', en: 'Portfolio' } },
    ],
  });
  const actor = { userId: null, label: 'e2e' };
  const call = await createCall(db, actor, input);
  await publishCall(db, actor, call.id, new Date());
  await db.update(calls).set(settings).where(eq(calls.id, call.id));
  return call.id;
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  const db = e.campus.database.db;
  blindCallId = await publishedCall({ ko: '블라인드 심사 공모', en: 'Blind review call' }, { rubric: RUBRIC, blindReview: true, reviewsPerApplication: 1 });
  invitingCallId = await publishedCall({ ko: '초대 공모', en: 'Inviting call' }, { rubric: RUBRIC });

  const applicant = await e.createUser([], APPLICANT);
  reviewer = await e.createUser([], 'Reviewer Lee');
  const applicationId = uuidv7();
  const fileId = uuidv7();
  await db.insert(applications).values({
    id: applicationId,
    callId: blindCallId,
    userId: await userId(applicant.email),
    status: 'submitted',
    answers: { motivation: '도시 문제를 시민과 함께 풀고 싶습니다.', sector: 'public', organisation: ORGANISATION, portfolio: fileId },
    consents: [
      { key: 'selection', granted: true },
      { key: 'publicity', granted: false },
    ],
    consentVersion: 1,
    consentedAt: new Date(),
    submittedAt: new Date(),
  });
  // Only the row matters to the page (name, size); downloading is the files module's own test.
  await db.insert(storedFiles).values({
    id: fileId,
    ownerId: await userId(applicant.email),
    callId: blindCallId,
    applicationId,
    questionKey: 'portfolio',
    storageKey: uuidv7(),
    originalName: 'Hong portfolio.pdf',
    mediaType: 'application/pdf',
    size: 2048,
    sha256: '0'.repeat(64),
  });
  const reviewerRowId = uuidv7();
  await db.insert(callReviewers).values({ id: reviewerRowId, callId: blindCallId, email: reviewer.email, userId: await userId(reviewer.email), status: 'accepted', organisation: '한국도시연구원', respondedAt: new Date() });
  assignmentId = uuidv7();
  await db.insert(reviewAssignments).values({ id: assignmentId, callId: blindCallId, applicationId, reviewerId: reviewerRowId, source: 'manual', explanation: { reason: 'e2e' } });
  // A second application in the same call, which the reviewer turns out to know.
  const colleague = await e.createUser([], 'Colleague Park');
  const colleagueApp = uuidv7();
  await db.insert(applications).values({ id: colleagueApp, callId: blindCallId, userId: await userId(colleague.email), status: 'submitted', answers: { motivation: '함께 하고 싶습니다.', sector: 'civil' }, submittedAt: new Date() });
  conflictAssignmentId = uuidv7();
  await db.insert(reviewAssignments).values({ id: conflictAssignmentId, callId: blindCallId, applicationId: colleagueApp, reviewerId: reviewerRowId, source: 'manual', explanation: { reason: 'e2e' } });
  // A second call's invitation, still open: sent by staff to the address, not yet linked to the account.
  const invited = await inviteReviewer(db, { userId: null, label: 'e2e' }, invitingCallId, ReviewerInvite.parse({ email: reviewer.email, expertise: ['housing'] }), 'en', e.baseUrl, new Date());
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `reviewer-invitation:${invited.id}`));
  invitationLink = /https?:\/\/\S+\/me\/reviews\?invitation=[A-Za-z0-9_-]{43}/.exec(mail!.body)![0];
});
afterAll(async () => {
  await e?.close();
});

async function settled(page: Page) {
  await page.locator('main h1').first().waitFor();
  await dataLoaded(page);
}

async function focusAndPress(page: Page, locator: ReturnType<Page['locator']>, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

describe.skipIf(!run)('reviewer', () => {
  it('shows my reviews, an assignment under blind review, the conflict dialog and my applications without axe violations in both languages', async () => {
    const problems: string[] = [];
    const linkPath = new URL(invitationLink).pathname + new URL(invitationLink).search;
    for (const lang of ['ko', 'en'] as const) {
      // Signed out, the invitation link asks to sign in or sign up, both coming back with the link.
      await e.context.clearCookies();
      const page = await e.newPage(lang);
      await page.goto(invitationLink);
      await settled(page);
      const signUp = page.getByRole('link', { name: lang === 'ko' ? '계정을 만들고 초대에 답하기' : 'Create an account and answer the invitation' });
      expect(await signUp.getAttribute('href')).toBe(`/sign-up?next=${encodeURIComponent(linkPath)}`);
      for (const v of await axeViolations(page)) problems.push(`${lang} signed-out invitation link: ${v}`);
      await signInViaForm(page, e.baseUrl, reviewer.email, reviewer.password);
      for (const path of ['/me/reviews', linkPath, '/me/reviews?invitation=cut-short', `/me/reviews/${assignmentId}`, '/me/applications']) {
        await page.goto(`${e.baseUrl}${path}`);
        await settled(page);
        await expect.poll(() => page.getByRole('status').filter({ hasText: lang === 'ko' ? '불러오는 중' : 'Loading' }).count()).toBe(0);
        expect(await page.locator('main h1').count(), path).toBe(1);
        for (const v of await axeViolations(page)) problems.push(`${lang} ${path}: ${v}`);
      }
      await page.goto(`${e.baseUrl}/me/reviews/${assignmentId}`);
      await settled(page);
      const main = (await page.locator('main').textContent()) ?? '';
      // Blind review: the server leaves out the name, the organisation and the uploaded file's own name.
      expect(main).not.toContain(APPLICANT);
      expect(main).not.toContain(ORGANISATION);
      expect(main).not.toContain('Hong portfolio');
      expect(main).toContain('portfolio.pdf');
      expect(main).toContain(lang === 'ko' ? '사회적 파급력' : 'Social impact');
      expect(main).toContain('공공');
      expect(await page.getByRole('link', { name: /portfolio\.pdf/ }).getAttribute('href')).toMatch(/^\/api\/v1\/files\//);
      // One fieldset per criterion, named by its legend.
      expect(await page.getByRole('group', { name: lang === 'ko' ? /실현 가능성/ : /Feasibility/ }).count()).toBe(1);

      await page.getByRole('button', { name: lang === 'ko' ? '이해충돌 신고' : 'Declare a conflict of interest' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: lang === 'ko' ? '이해충돌 신고하기' : 'Declare the conflict' }).click();
      await dialog.getByRole('alert').waitFor();
      for (const v of await axeViolations(page)) problems.push(`${lang} conflict dialog: ${v}`);
      await page.keyboard.press('Escape');
      await page.close();
    }
    expect(problems).toEqual([]);
    // Nothing was declared: the dialog refused an empty reason.
    const [row] = await e.campus.database.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId));
    expect(row).toBeDefined();
  });

  it('lets a reviewer accept an invitation from the link in its mail, then score every criterion and submit, in English by keyboard only', async () => {
    // Signed in without the link, the invitation is not there: only the hint to use the e-mail's link.
    const plain = await e.newPage('en');
    await signInViaForm(plain, e.baseUrl, reviewer.email, reviewer.password);
    // The menu is drawn again once the session has loaded: press its link only after that.
    await dataLoaded(plain);
    // Without a reviewer seat or role the main menu has no "My reviews" link; the page is still there.
    await plain.goto(`${e.baseUrl}/me/reviews`);
    await plain.getByRole('heading', { level: 1, name: 'My reviews' }).waitFor();
    await expect.poll(() => plain.locator('main').textContent()).toContain('To answer one, open the link in that e-mail.');
    expect(await plain.getByRole('article', { name: 'Inviting call' }).count()).toBe(0);
    // A link cut short by a mail program says so.
    await plain.goto(invitationLink.slice(0, -5));
    await expect.poll(() => plain.getByTestId('invitation-link-invalid').count()).toBe(1);
    expect(await plain.getByTestId('invitation-link-invalid').textContent()).toContain('This invitation link does not work');
    await plain.close();

    // Signed out, the reviewer opens the link from the mail, signs in on the way and comes back to it.
    await e.context.clearCookies();
    const page = await e.newPage('en');
    await page.goto(invitationLink);
    await page.getByRole('heading', { level: 1, name: 'My reviews' }).waitFor();
    await focusAndPress(page, page.getByRole('link', { name: 'Sign in and answer the invitation' }));
    await page.waitForURL('**/sign-in?next=*');
    await page.locator('input[type="email"]').focus();
    await page.keyboard.type(reviewer.email);
    await page.locator('input[type="password"]').focus();
    await page.keyboard.type(reviewer.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/me/reviews' && url.searchParams.get('invitation') === new URL(invitationLink).searchParams.get('invitation'));

    // The invitation: it says the answer goes to this account; organisation and expertise, then accept.
    const invitation = page.getByRole('article', { name: 'Inviting call' });
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain(`tied to the account you are signed in with (Reviewer Lee, ${reviewer.email})`);
    await invitation.getByLabel('Your organisation').focus();
    await page.keyboard.type('Seoul Urban Lab');
    await invitation.getByLabel('Your expertise').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('housing, urban data');
    await focusAndPress(page, invitation.getByRole('button', { name: 'Accept the invitation' }));
    await expect.poll(() => page.getByTestId('invitation-status').textContent()).toContain('You accepted the invitation to review Inviting call');
    const [accepted] = await e.campus.database.db.select().from(callReviewers).where(eq(callReviewers.callId, invitingCallId));
    expect(accepted).toMatchObject({ status: 'accepted', userId: await userId(reviewer.email), organisation: 'Seoul Urban Lab', expertise: ['housing', 'urban data'] });

    // The assignment, named by its number under blind review.
    const assignments = page.getByTestId(`assignments-${blindCallId}`);
    expect(await assignments.textContent()).toContain('Not started');
    expect(await assignments.getByRole('link', { name: /^Application \d$/ }).count()).toBe(2);
    await focusAndPress(page, assignments.locator(`a[href="/me/reviews/${assignmentId}"]`));
    await page.waitForURL(`**/me/reviews/${assignmentId}`);
    await page.getByRole('heading', { level: 1, name: 'Review of an application' }).waitFor();

    // Impact by arrow keys (1 → 4), the overall comment, then submit with two criteria unscored.
    await page.getByRole('radio', { name: '1 (lowest)' }).first().focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.getByLabel('Comment on Social impact').focus();
    await page.keyboard.type('A clear plan with residents.');
    await focusAndPress(page, page.getByRole('button', { name: 'Submit review' }));
    const summary = page.getByRole('alert').filter({ hasText: 'Score for Feasibility' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Score for Collaboration');
    expect(await summary.textContent()).not.toContain('Score for Social impact');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    expect(await page.locator('#score-feasibility').getAttribute('aria-invalid')).toBe('true');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    // The summary's link leads to the criterion; the scale is chosen with the arrow keys.
    await focusAndPress(page, summary.getByRole('link', { name: /Score for Feasibility/ }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('score-feasibility');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // 3
    await page.locator('#score-collaboration').focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // 5 (highest)
    expect(await page.getByRole('radio', { name: '5 (highest)' }).last().isChecked()).toBe(true);
    await page.getByLabel('Overall comment').focus();
    await page.keyboard.type('Recommended.');
    await focusAndPress(page, page.getByRole('button', { name: 'Save draft' }));
    await expect.poll(() => page.getByTestId('review-save-status').textContent()).toContain('Draft saved at');
    expect(await page.getByTestId('review-status').textContent()).toContain('Draft saved');
    await focusAndPress(page, page.getByRole('button', { name: 'Submit review' }));

    const status = page.getByTestId('review-status');
    await expect.poll(() => status.textContent()).toContain('You submitted this review on');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('review-status');
    const [saved] = await e.campus.database.db.select().from(reviews).where(eq(reviews.assignmentId, assignmentId));
    expect(saved).toMatchObject({ status: 'submitted', scores: { impact: 4, feasibility: 3, collaboration: 5 }, comments: { impact: 'A clear plan with residents.' }, comment: 'Recommended.' });
    // Weighted mean of (4,3,5) on 1..5 with weights 2,1,1, mapped to 0..100: (2·0.75 + 0.5 + 1) / 4.
    expect(saved!.total).toBe(75);
    expect(await status.textContent()).toContain('75 of 100');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);
    // The call's progress follows the submission, and the next key press from the status reaches the next unreviewed application.
    const bar = page.getByRole('progressbar', { name: 'Review progress: Blind review call' });
    await expect.poll(() => bar.getAttribute('value')).toBe('50');
    expect(await page.getByTestId('review-progress').textContent()).toContain('1 of 2 reviews submitted');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Next unreviewed');
    expect(await page.getByRole('link', { name: 'Next unreviewed' }).getAttribute('href')).toBe(`/me/reviews/${conflictAssignmentId}`);

    // Back on the list, the review counts as submitted.
    await focusAndPress(page, page.getByRole('link', { name: 'Back to my reviews' }));
    await page.waitForURL('**/me/reviews');
    await expect.poll(() => page.getByTestId(`assignments-${blindCallId}`).textContent()).toContain('Submitted');
    expect(await page.locator('main').textContent()).toContain('1 of 2 reviews submitted');
    const listBar = page.getByRole('progressbar', { name: 'Review progress: Blind review call' });
    expect(await listBar.getAttribute('value')).toBe('50');
    // "Next unreviewed" opens the one still to do, by keyboard.
    await focusAndPress(page, page.getByTestId(`progress-${blindCallId}-next`));
    await page.waitForURL(`**/me/reviews/${conflictAssignmentId}`);
    await settled(page);
    expect(await page.getByTestId('review-status').textContent()).toContain('Not started');
    await page.close();

    // The answered invitation (now linked to the account, so listed without the link) and the submitted review, in Korean too.
    const ko = await e.newPage('ko');
    for (const path of ['/me/reviews', `/me/reviews/${assignmentId}`]) {
      await ko.goto(`${e.baseUrl}${path}`);
      await settled(ko);
      await expect.poll(() => ko.locator('main').textContent()).toContain(path === '/me/reviews' ? '수락했습니다' : '심사를 제출했습니다');
      expect(await ko.getByRole('progressbar', { name: '심사 진행: 블라인드 심사 공모' }).getAttribute('value')).toBe('50');
      expect(await ko.getByRole('link', { name: '다음 미완료 심사' }).count()).toBe(1);
      expect(await axeViolations(ko), path).toEqual([]);
    }
    await ko.close();
  });

  it('lets a reviewer declare a conflict of interest with a reason, by keyboard, which removes the assignment', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, reviewer.email, reviewer.password);
    await page.goto(`${e.baseUrl}/me/reviews/${conflictAssignmentId}`);
    await page.getByRole('heading', { level: 1, name: 'Review of an application' }).waitFor();
    await page.getByRole('button', { name: 'Declare a conflict of interest' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Declare a conflict of interest' });
    await dialog.waitFor();
    // The reason field has focus first; a too short reason is refused before anything is sent.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('conflict-reason');
    await page.keyboard.type('abc');
    await dialog.getByRole('button', { name: 'Declare the conflict' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'at least 5 characters' }).waitFor();
    await page.locator('#conflict-reason').focus();
    await page.keyboard.type(' — I worked with this applicant last year.');
    await dialog.getByRole('button', { name: 'Declare the conflict' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/me/reviews');
    await expect.poll(() => page.getByTestId('reviews-notice').textContent()).toContain('You declared a conflict of interest');
    const rows = await e.campus.database.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, conflictAssignmentId));
    expect(rows).toEqual([]);
    const [me] = await e.campus.database.db.select().from(callReviewers).where(eq(callReviewers.callId, blindCallId));
    expect(me!.declaredConflicts).toHaveLength(1);
    await expect.poll(() => page.getByTestId(`assignments-${blindCallId}`).getByRole('link').count()).toBe(1);
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
  it('lets staff resend an invitation by keyboard, after which only the new link works', async () => {
    const db = e.campus.database.db;
    const staffUser = await e.createUser(['staff'], 'Staff Kim');
    const pendingEmail = `pending-${uuidv7()}@example.org`;
    const pending = await inviteReviewer(db, { userId: null, label: 'e2e' }, invitingCallId, ReviewerInvite.parse({ email: pendingEmail }), 'ko', e.baseUrl, new Date());
    const linkOf = (body: string) => /https?:\/\/\S+\/me\/reviews\?invitation=[A-Za-z0-9_-]{43}/.exec(body)![0];
    const mailsOf = () => db.select().from(outboxMessages).where(sql`${outboxMessages.about}->>'reviewerId' = ${pending.id}`).orderBy(outboxMessages.createdAt, outboxMessages.id);
    const oldLink = linkOf((await mailsOf())[0]!.body);
    const problems: string[] = [];

    for (const lang of ['ko', 'en'] as const) {
      const page = await e.newPage(lang);
      await signInViaForm(page, e.baseUrl, staffUser.email, staffUser.password);
      await page.goto(`${e.baseUrl}/admin/calls/${invitingCallId}/review`);
      const table = page.getByTestId('reviewers-table');
      await table.waitFor();
      // Only the invitation nobody has answered can be re-sent (the reviewer above accepted theirs).
      const resend = table.getByRole('button', { name: lang === 'ko' ? `${pendingEmail}님께 초대 다시 보내기` : `Resend invitation to ${pendingEmail}` });
      expect(await table.getByRole('button', { name: lang === 'ko' ? /초대 다시 보내기/ : /Resend invitation to/ }).count()).toBe(1);
      await resend.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: lang === 'ko' ? `${pendingEmail}님께 초대를 다시 보낼까요?` : `Resend the invitation to ${pendingEmail}?` });
      await dialog.waitFor();
      // Cancel has focus first, so Enter never sends by accident.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(lang === 'ko' ? '취소' : 'Cancel');
      await dataLoaded(page);
      for (const v of await axeViolations(page)) problems.push(`${lang} resend dialog: ${v}`);
      if (lang === 'ko') {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${pendingEmail}님께 초대 다시 보내기`);
        expect(await mailsOf()).toHaveLength(1);
      } else {
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => page.getByRole('status').filter({ hasText: `Sent ${pendingEmail} the invitation again with a new link` }).count()).toBe(1);
        for (const v of await axeViolations(page)) problems.push(`${lang} after resend: ${v}`);
      }
      await page.close();
    }
    expect(problems).toEqual([]);

    const mails = await mailsOf();
    expect(mails.map((m) => m.dedupeKey)).toEqual([`reviewer-invitation:${pending.id}`, `reviewer-invitation:${pending.id}:2`]);
    const newLink = linkOf(mails[1]!.body);
    expect(newLink).not.toBe(oldLink);
    // Whoever is signed in (staff, here) gets "not valid" for the old link and the invitation for the new one.
    const page = await e.newPage('en');
    await page.goto(oldLink);
    await page.getByTestId('invitation-link-invalid').waitFor();
    expect(await page.getByRole('article').count()).toBe(0);
    await page.goto(newLink);
    await page.getByRole('article', { name: 'Inviting call' }).waitFor();
    expect(await page.getByTestId('invitation-link-invalid').count()).toBe(0);
    await page.close();
  });
});
