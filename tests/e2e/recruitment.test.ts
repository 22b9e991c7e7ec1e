/**
 * Applying to a call in a real browser: the published list and call page in both languages with zero
 * axe violations (also with errors shown), then a keyboard-driven application in Korean — autosaved
 * draft, the optional consent left unchecked, submitted, then withdrawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallInput } from '../../src/shared/contracts/recruitment.js';
import { createCall, publishCall } from '../../src/modules/recruitment/use-cases.js';
import { callBody } from '../integration/recruitment-fixtures.js';
import { axeViolations, browserAvailable, signInViaForm, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
let callId: string;

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
  const actor = { userId: null, label: 'e2e' };
  const call = await createCall(e.campus.database.db, actor, input);
  await publishCall(e.campus.database.db, actor, call.id, new Date());
  callId = call.id;
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('recruitment', () => {
  it('shows published calls and a call with its consent notice in both languages without axe violations', async () => {
    const problems: string[] = [];
    for (const lang of ['ko', 'en'] as const) {
      const page = await e.newPage(lang);
      for (const path of ['/calls', `/calls/${callId}`]) {
        await page.goto(`${e.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('main h1').count(), path).toBe(1);
        for (const v of await axeViolations(page)) problems.push(`${lang} ${path}: ${v}`);
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
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lets an applicant apply by keyboard in Korean: autosave, optional consent refused, submit, withdraw', async () => {
    const user = await e.createUser([]);
    const page = await e.newPage('ko');
    await signInViaForm(page, e.baseUrl, user.email, user.password);
    await page.goto(`${e.baseUrl}/calls`);
    const link = page.getByRole('link', { name: TITLE_KO });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/calls/${callId}`);
    await page.getByRole('heading', { level: 1, name: TITLE_KO }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('파일 업로드는 아직 지원하지 않습니다');

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
    await page.waitForLoadState('networkidle');
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
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '신청 철회' }).click();
    const dialog = page.getByRole('dialog', { name: '신청을 철회할까요?' });
    await dialog.getByRole('button', { name: '철회하기' }).click();
    await expect.poll(() => status.textContent()).toContain('철회함');
    await page.close();
  });
});
