/**
 * Applying to a call in a real browser: the published list and call page in both languages with zero
 * axe violations (also with errors shown), then a keyboard-driven application in Korean — signed in
 * from the call page and brought back to it, a refused and then an accepted PDF upload, autosaved
 * draft, the optional consent left unchecked, submitted, listed under "my applications", then
 * withdrawn. Last, a selected applicant reads the outcome and declines the place.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallInput } from '../../src/shared/contracts/recruitment.js';
import { createCall, publishCall } from '../../src/modules/recruitment/use-cases.js';
import { applications, storedFiles } from '../../src/platform/db/schema/index.js';
import { callBody } from '../factories/recruitment.js';
import { axeViolations, browserAvailable, checkPage, dataLoaded, SEED_ACTOR, signInViaForm, startE2E, tinyPdf, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
let callId: string;
let tmp: string;
let pdfPath: string;

const TITLE_KO = '2020 글로벌 사회혁신 오픈캠퍼스 참여자 모집';

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  const base = callBody();
  const input = CallInput.parse({
    ...base,
    questions: [
      ...base.questions,
      { key: 'organisation', type: 'organisation', required: false, label: { ko: '소속', en: 'Organisation' } },
      { key: 'topics', type: 'multiple_choice', required: false, label: { ko: '관심 주제', en: 'Topics' }, maxChoices: 2, options: [{ value: 'housing', label: { ko: '주거', en: 'Housing' } }, { value: 'mobility', label: { ko: '교통', en: 'Mobility' } }] },
      { key: 'years', type: 'number', required: false, label: { ko: '활동 연수', en: 'Years active' }, min: 0, max: 60, integer: true },
      { key: 'start', type: 'date', required: false, label: { ko: '참여 가능 시작일', en: 'Available from' } },
      { key: 'portfolio', type: 'file', required: false, label: { ko: '포트폴리오', en: 'Portfolio' } },
    ],
  });
  const call = await createCall(e.campus.database.db, SEED_ACTOR, input);
  await publishCall(e.campus.database.db, SEED_ACTOR, call.id, new Date());
  callId = call.id;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-upload-'));
  pdfPath = path.join(tmp, '포트폴리오 2020.pdf');
  writeFileSync(pdfPath, tinyPdf());
});
afterAll(async () => {
  await e?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!run)('recruitment', () => {
  it('shows published calls and a call with its consent notice in both languages without axe violations', async () => {
    const problems: string[] = [];
    for (const lang of ['ko', 'en'] as const) {
      const page = await e.newPage(lang);
      for (const path of ['/calls', `/calls/${callId}`]) {
        await e.open(page, path);
        await checkPage(page, lang, `${lang} ${path}`, problems);
      }
      const text = (await page.locator('main').textContent()) ?? '';
      // Required and optional items apart, each with the four things PIPA §15② asks for.
      expect(text).toContain(lang === 'ko' ? '필수 동의 항목' : 'Required consent');
      expect(text).toContain(lang === 'ko' ? '선택 동의 항목' : 'Optional consent');
      expect(text).toContain('동의하지 않아도 불이익이 없습니다.');
      expect(text).toContain(lang === 'ko' ? '로그인' : 'Sign in');
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('shows errors next to fields and in a focused summary, accessibly, in English', async () => {
    const user = await e.createUser([]);
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, user.email, user.password);
    await page.goto(`${e.baseUrl}/calls/${callId}`);
    await page.getByRole('button', { name: 'Submit' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Motivation' });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    expect(await page.locator('#q-motivation').getAttribute('aria-invalid')).toBe('true');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lets an applicant apply by keyboard in Korean: back from sign-in, file upload, autosave, optional consent refused, submit, withdraw', async () => {
    const user = await e.createUser([]);
    // The browser is shared with the earlier tests: start signed out.
    await e.context.clearCookies();
    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/calls`);
    const link = page.getByRole('link', { name: TITLE_KO });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/calls/${callId}`);
    await page.getByRole('heading', { level: 1, name: TITLE_KO }).waitFor();

    // Signing in from the call page brings the person back to it.
    await page.getByRole('main').getByRole('link', { name: '로그인' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in?next=*');
    await page.locator('input[type="email"]').focus();
    await page.keyboard.type(user.email);
    await page.locator('input[type="password"]').focus();
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/calls/${callId}`);
    await page.getByRole('heading', { level: 1, name: TITLE_KO }).waitFor();

    // The file question: a labelled native chooser. Bytes that are not an accepted kind are refused, in Korean.
    const chooser = page.getByLabel('파일 선택');
    await chooser.waitFor();
    expect(await chooser.getAttribute('type')).toBe('file');
    expect(await page.getByRole('group', { name: '포트폴리오' }).count()).toBe(1);
    await chooser.setInputFiles({ name: '이력서.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    const refusal = page.getByRole('alert').filter({ hasText: '받을 수 없는 파일 형식입니다' });
    await refusal.waitFor();
    expect(await chooser.getAttribute('aria-invalid')).toBe('true');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    await chooser.setInputFiles(pdfPath);
    await expect.poll(() => page.getByTestId('file-status-portfolio').textContent()).toContain('파일을 올렸습니다');
    const current = page.getByTestId('file-current-portfolio');
    expect(await current.textContent()).toMatch(/포트폴리오 2020\.pdf \(\d+ B\)/);
    expect(await page.getByLabel('다른 파일로 바꾸기').count()).toBe(1);
    expect(await page.getByRole('button', { name: '파일 삭제' }).count()).toBe(1);
    expect(await refusal.count()).toBe(0);
    // Removing by keyboard leaves the question unanswered and the chooser focused; then the file goes up again.
    await page.getByRole('button', { name: '파일 삭제' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => current.textContent()).toBe('아직 올린 파일이 없습니다.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-portfolio');
    await chooser.setInputFiles(pdfPath);
    await expect.poll(() => current.textContent()).toContain('포트폴리오 2020.pdf');

    // Sector by keyboard, required consent by keyboard; the motivation stays empty for now.
    await page.getByRole('radio', { name: '공공' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: /필수 동의 1/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: '제출하기' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: '지원 동기' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('필수 질문입니다');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    // The summary's link moves focus to the field.
    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-motivation');
    await page.keyboard.type('도시 문제를 시민과 함께 풀고 싶습니다.');
    await page.getByLabel('소속').focus();
    await page.keyboard.type('서울시민연대');
    // Saved on its own after a pause, and said so in a polite live region.
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toContain('저장했습니다');
    expect(await page.getByTestId('save-status').getAttribute('aria-live')).toBe('polite');

    expect(await page.getByRole('checkbox', { name: /선택 동의 1/ }).isChecked()).toBe(false);
    await page.getByRole('button', { name: '제출하기' }).focus();
    await page.keyboard.press('Enter');
    const status = page.getByTestId('application-status');
    await expect.poll(() => status.textContent()).toContain('제출 완료');
    expect(await status.textContent()).toContain('까지 고치거나 철회할 수 있습니다');

    const mine = await page.request.get(`${e.baseUrl}/api/v1/calls/${callId}/my-application`);
    const body = (await mine.json()) as { status: string; answers: Record<string, unknown>; consents: { key: string; granted: boolean }[] };
    expect(body.status).toBe('submitted');
    expect(body.answers).toMatchObject({ motivation: '도시 문제를 시민과 함께 풀고 싶습니다.', sector: 'public', organisation: '서울시민연대' });
    expect(body.consents).toEqual([
      { key: 'selection', granted: true },
      { key: 'publicity', granted: false },
    ]);
    // The answer to the file question is the stored file, the real PDF, under the name it was sent with.
    const [file] = await e.campus.database.db.select().from(storedFiles).where(eq(storedFiles.id, String(body.answers.portfolio)));
    expect(file).toMatchObject({ originalName: '포트폴리오 2020.pdf', mediaType: 'application/pdf', questionKey: 'portfolio' });
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    // Listed under "my applications", reached from the main menu.
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '내 신청' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/me/applications');
    const card = page.getByTestId(`my-application-${callId}`);
    await expect.poll(() => card.textContent()).toContain('제출 완료');
    expect(await card.textContent()).toContain('아직 선정이 확정되지 않았습니다');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);
    await card.getByRole('link', { name: TITLE_KO }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/calls/${callId}`);

    await page.getByRole('button', { name: '신청 철회' }).click();
    const dialog = page.getByRole('dialog', { name: '신청을 철회할까요?' });
    await dialog.getByRole('button', { name: '철회하기' }).click();
    await expect.poll(() => status.textContent()).toContain('철회함');
    await page.close();
  });

  it('shows a selected applicant the outcome and lets them decline the place, so the first on the waitlist moves up', async () => {
    const db = e.campus.database.db;
    const selected = await e.createUser([]);
    const waiting = await e.createUser([]);
    const now = new Date();
    const base = { callId, status: 'submitted' as const, answers: { motivation: '참여하고 싶습니다.', sector: 'public' }, submittedAt: now, outcomeAt: now };
    await db.insert(applications).values({ ...base, id: uuidv7(), userId: selected.id, outcome: 'selected' });
    const waitingId = uuidv7();
    await db.insert(applications).values({ ...base, id: waitingId, userId: waiting.id, outcome: 'waitlisted', waitlistPosition: 1 });

    const problems: string[] = [];
    for (const lang of ['en', 'ko'] as const) {
      const page = await e.newPage(lang);
      await signInViaForm(page, e.baseUrl, waiting.email, waiting.password);
      await page.goto(`${e.baseUrl}/me/applications`);
      const standing = page.getByTestId(`my-application-${callId}`).getByTestId('standing');
      await expect.poll(() => standing.textContent()).toBe(lang === 'ko' ? '대기자 1번' : 'Waitlisted, position 1');
      await dataLoaded(page);
      for (const v of await axeViolations(page)) problems.push(`${lang} waitlisted: ${v}`);
      await page.close();
    }

    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, selected.email, selected.password);
    await page.goto(`${e.baseUrl}/me/applications`);
    const card = page.getByTestId(`my-application-${callId}`);
    await expect.poll(() => card.getByTestId('standing').textContent()).toBe('Selected');
    await dataLoaded(page);
    for (const v of await axeViolations(page)) problems.push(`en selected: ${v}`);
    await card.getByRole('button', { name: 'Decline my place' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Decline your place?' });
    await dialog.waitFor();
    // Cancel has focus first, so Enter alone never gives the place up.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    for (const v of await axeViolations(page)) problems.push(`en decline dialog: ${v}`);
    await dialog.getByRole('button', { name: 'Decline my place' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByTestId('standing').textContent()).toBe('You declined the place');
    expect(await page.getByTestId('applications-status').textContent()).toContain('You declined your place');
    expect(await card.getByRole('button', { name: 'Decline my place' }).count()).toBe(0);
    expect(problems).toEqual([]);
    const [promoted] = await db.select().from(applications).where(eq(applications.id, waitingId));
    expect(promoted).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    await page.close();
  });
});
