/**
 * Lecturer and room availability in a real browser, by keyboard (issue 4, point 3). A lecturer (an
 * account holding 'mentor') opens "My availability" from the main menu, sets weekly hours, a date
 * away, a preferred and an avoided slot, saves, reloads and sees them; the database has them. An end
 * before its start is refused before sending, in a summary that takes focus and links to the field.
 * An account without 'mentor' gets a plain explanation instead. Staff open the lecturer pool and a
 * lecturer's dialog (the same editors, the same values) and save for them, and edit a room's weekly
 * opening hours. axe reports no violation in any state, in Korean and English.
 */
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { lecturerAvailability, roleGrants, rooms, users } from '../../src/platform/db/schema/index.js';
import { browserAvailable, expectNoAxe, invisibleFocusStops, press, signInViaForm, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
type Account = { id: string; email: string; password: string; name: string };
let staff: Account;
let lecturer: Account;
let member: Account;
let leaving: Account;
let roomId: string;

/** Replaces a field's text by typing, as a keyboard user would. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);
const focusInside = (target: Locator) => target.evaluate((el) => el.contains(document.activeElement));

async function account(roles: ('admin' | 'staff')[], name: string, extra: 'mentor' | null = null): Promise<Account> {
  const created = await e.createUser(roles, name);
  const db = e.campus.database.db;
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, created.email));
  if (extra) await grantGlobalRole(db, row!.id, extra, null);
  return { id: row!.id, email: created.email, password: created.password, name: created.name };
}

/** A fresh page signed in as `who` (the browser context is shared, so the previous account is signed out first). */
async function signedInPage(who: Account, lang: 'ko' | 'en'): Promise<Page> {
  await e.context.clearCookies();
  const page = await e.newPage(lang);
  await signInViaForm(page, e.baseUrl, who.email, who.password);
  return page;
}

async function stored(userId: string) {
  const [row] = await e.campus.database.db.select().from(lecturerAvailability).where(eq(lecturerAvailability.userId, userId));
  return row;
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await account(['staff'], 'Kim Staff');
  lecturer = await account([], 'Park Sena', 'mentor');
  member = await account([], 'Lee Member');
  leaving = await account([], 'Choi Leaving', 'mentor');
  roomId = uuidv7();
  await e.campus.database.db.insert(rooms).values({ id: roomId, name: { ko: '시험 강의실', en: 'Test room' }, place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' }, capacity: 30, availability: {} });
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('lecturer and room availability', () => {
  it('a lecturer sets hours, a date away and slot wishes by keyboard, and sees them after a reload', async () => {
    const page = await signedInPage(lecturer, 'en');
    const problems: string[] = [];
    await press(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My availability' }));
    await page.waitForURL('**/me/availability');
    await page.getByRole('heading', { level: 1, name: 'My availability' }).waitFor();
    const main = page.locator('main');
    await main.getByText('Not saved yet.').waitFor();
    expect(await page.getByTestId('me-av-mode').textContent()).toContain('available at any time');
    await expectNoAxe(page, 'en empty', problems);

    // Monday: the new row takes focus, prefilled with the campus day; typed times are tidied on leaving.
    await press(main.getByRole('button', { name: 'Add hours on Monday' }));
    const monFrom = main.getByRole('textbox', { name: 'Monday, from', exact: true });
    const monTo = main.getByRole('textbox', { name: 'Monday, to', exact: true });
    await expect.poll(() => isFocused(monFrom)).toBe(true);
    expect(await monFrom.inputValue()).toBe('09:00');
    await typeInto(page, monFrom, '930');
    await typeInto(page, monTo, '18');
    await page.keyboard.press('Tab');
    expect(await monFrom.inputValue()).toBe('09:30');
    expect(await monTo.inputValue()).toBe('18:00');
    // Wednesday keeps the prefilled 09:00–21:00; days without hours now say they are closed.
    await press(main.getByRole('button', { name: 'Add hours on Wednesday' }));
    expect(await page.getByTestId('me-av-mode').textContent()).toContain('Only the hours below count');
    expect(await page.getByTestId('me-av-day-2').textContent()).toContain('Not available');

    // A date away, added with Enter in its field (Enter there does not save the form).
    await typeInto(page, main.getByRole('textbox', { name: 'Date' }), '2030.3.5');
    await page.keyboard.press('Enter');
    await main.getByRole('status').filter({ hasText: 'Added Tue 5 Mar 2030.' }).waitFor({ state: 'attached' });
    expect(await page.getByTestId('me-av-away-list').locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-day')))).toEqual(['2030-03-05']);
    expect(await main.getByText('Your availability is saved.').count()).toBe(0);

    // Prefer Monday mornings, avoid evenings on every day: one arrow key per step in each select.
    await press(main.getByRole('combobox', { name: 'Monday, Morning (09:00–12:00)' }), 'ArrowDown');
    const evenings = main.getByRole('combobox', { name: 'Every day, Evening (19:00–21:00)' });
    await press(evenings, 'ArrowDown');
    await press(evenings, 'ArrowDown');
    expect(await main.getByRole('combobox', { name: 'Monday, Morning (09:00–12:00)' }).inputValue()).toBe('prefer');
    expect(await evenings.inputValue()).toBe('avoid');
    expect(await page.getByTestId('me-av-wish-count').textContent()).toBe('1 preferred, 1 avoided');
    await expectNoAxe(page, 'en filled in', problems);

    await press(main.getByRole('button', { name: 'Save', exact: true }));
    await main.getByRole('status').filter({ hasText: 'Your availability is saved.' }).waitFor();
    await expect.poll(() => page.getByTestId('availability-saved-at').textContent()).toContain('Last saved');
    const row = await stored(lecturer.id);
    expect(row).toMatchObject({ weekly: { '1': [[570, 1080]], '3': [[540, 1260]] }, unavailableDates: ['2030-03-05'], preferred: [{ weekday: 1, slot: 'am' }], avoided: [{ slot: 'eve' }] });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My availability' }).waitFor();
    await monFrom.waitFor();
    expect(await monFrom.inputValue()).toBe('09:30');
    expect(await monTo.inputValue()).toBe('18:00');
    expect(await main.getByRole('textbox', { name: 'Wednesday, to', exact: true }).inputValue()).toBe('21:00');
    expect(await main.getByRole('textbox', { name: 'Tuesday, from', exact: true }).count()).toBe(0);
    expect(await page.getByTestId('me-av-away-list').textContent()).toContain('2030');
    expect(await main.getByRole('button', { name: /^Remove .*2030/ }).count()).toBe(1);
    expect(await main.getByRole('combobox', { name: 'Monday, Morning (09:00–12:00)' }).inputValue()).toBe('prefer');
    expect(await evenings.inputValue()).toBe('avoid');
    expect(await page.getByTestId('availability-saved-at').textContent()).toContain('Last saved');

    // An end before its start: refused before sending; the summary takes focus, is an alert, and links to the field.
    await typeInto(page, monTo, '08:00');
    await press(main.getByRole('button', { name: 'Save', exact: true }));
    const summary = main.getByRole('alert');
    await summary.waitFor();
    await expect.poll(() => focusInside(summary)).toBe(true);
    expect(await summary.textContent()).toContain('Monday, to: The end must be after the start.');
    expect(await monTo.getAttribute('aria-invalid')).toBe('true');
    expect(await main.getByText('The end must be after the start.', { exact: true }).count()).toBe(1);
    await expectNoAxe(page, 'en error', problems);
    await press(summary.getByRole('link', { name: 'Monday, to: The end must be after the start.' }));
    expect(await isFocused(monTo)).toBe(true);
    // Nothing was sent.
    expect((await stored(lecturer.id))?.weekly).toEqual({ '1': [[570, 1080]], '3': [[540, 1260]] });

    // The server's own refusals land next to their inputs too. The quick checks stop these before
    // sending, so the request is altered on its way: the answer shown is the real server's.
    await typeInto(page, monTo, '18:00');
    await page.route('**/api/v1/me/availability', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      const body = route.request().postDataJSON() as { weekly: Record<string, [number, number][]>; preferred: unknown[]; avoided: unknown[] };
      body.weekly['1'] = [[1080, 570]];
      body.preferred = [...body.preferred, ...body.avoided];
      await route.fulfill({ response: await route.fetch({ postData: JSON.stringify(body) }) });
    });
    await press(main.getByRole('button', { name: 'Save', exact: true }));
    await expect.poll(() => summary.textContent()).toContain('Each time range must start before it ends');
    await expect.poll(() => focusInside(summary)).toBe(true);
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain('Monday, to: Each time range must start before it ends');
    expect(summaryText).toContain('Every day, Evening (19:00–21:00): The same slot cannot be both preferred and avoided');
    expect(await monTo.getAttribute('aria-invalid')).toBe('true');
    expect(await evenings.getAttribute('aria-invalid')).toBe('true');
    await page.unroute('**/api/v1/me/availability');
    expect((await stored(lecturer.id))?.weekly).toEqual({ '1': [[570, 1080]], '3': [[540, 1260]] });

    // Every stop in the page shows where focus is and is at least 24 px.
    expect(await invisibleFocusStops(page, 50, 150)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is in Korean too, with no axe violations before and after a refused save', async () => {
    const page = await signedInPage(lecturer, 'ko');
    const problems: string[] = [];
    await press(page.getByRole('navigation').getByRole('link', { name: '강의 가능 시간' }));
    await page.getByRole('heading', { level: 1, name: '강의 가능 시간' }).waitFor();
    const main = page.locator('main');
    const monFrom = main.getByRole('textbox', { name: '월요일 시작', exact: true });
    await monFrom.waitFor();
    expect(await monFrom.inputValue()).toBe('09:30');
    expect(await main.getByRole('combobox', { name: '모든 요일 저녁(19:00–21:00)' }).inputValue()).toBe('avoid');
    await expectNoAxe(page, 'ko page', problems);
    await typeInto(page, main.getByRole('textbox', { name: '월요일 종료', exact: true }), '7:00');
    await press(main.getByRole('button', { name: '저장', exact: true }));
    const summary = main.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('월요일 종료: 종료 시각은 시작 시각보다 늦어야 합니다.');
    await expectNoAxe(page, 'ko error', problems);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells an account without the mentor role what the page is for', async () => {
    const problems: string[] = [];
    for (const lang of ['en', 'ko'] as const) {
      const page = await signedInPage(member, lang);
      expect(await page.getByRole('navigation').getByRole('link', { name: lang === 'en' ? 'My availability' : '강의 가능 시간' }).count()).toBe(0);
      await page.goto(`${e.baseUrl}/me/availability`);
      await page.getByTestId('not-lecturer').waitFor();
      expect(await page.getByTestId('not-lecturer').textContent()).toContain(lang === 'en' ? 'not registered as a lecturer' : '강사로 등록되어 있지 않습니다');
      expect(await page.locator('main').getByRole('alert').count()).toBe(0);
      expect(await page.locator('main').getByRole('textbox').count()).toBe(0);
      await expectNoAxe(page, `${lang} not a lecturer`, problems);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('staff see the lecturer pool and the same availability in a dialog, and save for the lecturer', async () => {
    const page = await signedInPage(staff, 'en');
    const problems: string[] = [];
    await page.goto(`${e.baseUrl}/admin/courses`);
    await page.locator('main h1').first().waitFor();
    await press(page.getByRole('link', { name: 'Lecturers and their availability' }));
    await page.getByRole('heading', { level: 1, name: 'Lecturers and their availability' }).waitFor();
    const pool = page.getByTestId('lecturer-pool');
    await pool.waitFor();
    expect(await pool.textContent()).toContain(lecturer.name);
    expect(await pool.textContent()).not.toContain(member.name);
    await expectNoAxe(page, 'en lecturer pool', problems);

    const opener = page.getByRole('button', { name: `Availability of ${lecturer.name}` });
    await press(opener);
    const dialog = page.getByRole('dialog', { name: `Availability of ${lecturer.name}` });
    await dialog.waitFor();
    const monFrom = dialog.getByRole('textbox', { name: 'Monday, from', exact: true });
    await monFrom.waitFor();
    // What the lecturer saved, in the same editors.
    expect(await monFrom.inputValue()).toBe('09:30');
    expect(await dialog.getByRole('textbox', { name: 'Monday, to', exact: true }).inputValue()).toBe('18:00');
    expect(await dialog.getByRole('combobox', { name: 'Monday, Morning (09:00–12:00)' }).inputValue()).toBe('prefer');
    expect(await dialog.getByRole('combobox', { name: 'Every day, Evening (19:00–21:00)' }).inputValue()).toBe('avoid');
    expect(await dialog.getByRole('button', { name: /^Remove .*2030/ }).count()).toBe(1);
    await expectNoAxe(page, 'en lecturer dialog', problems);

    // Staff add a date and a whole-day wish for the lecturer.
    await typeInto(page, dialog.getByRole('textbox', { name: 'Date' }), '2030-03-06');
    await press(dialog.getByRole('button', { name: 'Add date' }));
    await press(dialog.getByRole('combobox', { name: 'Friday, Whole day' }), 'ArrowDown');
    await press(dialog.getByRole('button', { name: 'Save', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: `Saved the availability of ${lecturer.name}.` }).waitFor();
    await expect.poll(() => isFocused(opener)).toBe(true);
    expect(await stored(lecturer.id)).toMatchObject({
      weekly: { '1': [[570, 1080]], '3': [[540, 1260]] },
      unavailableDates: ['2030-03-05', '2030-03-06'],
      preferred: [{ weekday: 1, slot: 'am' }, { weekday: 5 }],
      avoided: [{ slot: 'eve' }],
    });

    // A lecturer whose mentor role is taken away while the dialog is open: the server's refusal is
    // shown in the focused summary and nothing is written.
    await press(page.getByRole('button', { name: `Availability of ${leaving.name}` }));
    const other = page.getByRole('dialog', { name: `Availability of ${leaving.name}` });
    await other.getByRole('button', { name: 'Add hours on Tuesday' }).waitFor();
    await e.campus.database.db.delete(roleGrants).where(and(eq(roleGrants.userId, leaving.id), eq(roleGrants.role, 'mentor')));
    await press(other.getByRole('button', { name: 'Add hours on Tuesday' }));
    await press(other.getByRole('button', { name: 'Save', exact: true }));
    const refusal = other.getByRole('alert');
    await refusal.waitFor();
    await expect.poll(() => focusInside(refusal)).toBe(true);
    expect(await refusal.textContent()).toContain('No lecturer (mentor) account was found.');
    expect(await stored(leaving.id)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('staff edit a room’s weekly opening hours in the room dialog', async () => {
    const page = await signedInPage(staff, 'en');
    const problems: string[] = [];
    await page.goto(`${e.baseUrl}/admin/courses`);
    await page.getByTestId('rooms-table').waitFor();
    const opener = page.getByRole('button', { name: 'Edit room Test room' });
    await press(opener);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { name: 'Opening hours' }).count()).toBe(1);
    expect(await page.getByTestId('room-hours-mode').textContent()).toContain('available at any time');
    await expectNoAxe(page, 'en room dialog', problems);

    await press(dialog.getByRole('button', { name: 'Add hours on Monday' }));
    const to = dialog.getByRole('textbox', { name: 'Monday, to', exact: true });
    // First a slip: the end before the start is refused, named in the summary.
    await typeInto(page, to, '08:00');
    await press(dialog.getByRole('button', { name: 'Save', exact: true }));
    const summary = dialog.getByRole('alert');
    await summary.waitFor();
    await expect.poll(() => focusInside(summary)).toBe(true);
    expect(await summary.textContent()).toContain('Monday, to: The end must be after the start.');
    await expectNoAxe(page, 'en room dialog error', problems);
    await typeInto(page, to, '18:00');
    await press(dialog.getByRole('button', { name: 'Add hours on Saturday' }));
    await typeInto(page, dialog.getByRole('textbox', { name: 'Saturday, to', exact: true }), '13:00');
    await press(dialog.getByRole('button', { name: 'Save', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Room 시험 강의실 saved.' }).waitFor();
    const [room] = await e.campus.database.db.select().from(rooms).where(eq(rooms.id, roomId));
    expect(room!.availability).toEqual({ '1': [[540, 1080]], '6': [[540, 780]] });
    const row = page.getByTestId('rooms-table').locator('tr', { hasText: 'Test room' });
    await expect.poll(() => row.textContent()).toContain('09:00–18:00');

    // Open again: the hours are there, and can be cleared back to "any time".
    await press(opener);
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Saturday, to', exact: true }).inputValue()).toBe('13:00');
    await press(dialog.getByRole('button', { name: 'Remove Saturday hours' }));
    await expect.poll(() => isFocused(dialog.getByRole('button', { name: 'Add hours on Saturday' }))).toBe(true);
    await press(dialog.getByRole('button', { name: 'Save', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    const [after] = await e.campus.database.db.select().from(rooms).where(eq(rooms.id, roomId));
    expect(after!.availability).toEqual({ '1': [[540, 1080]] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no axe violations on the staff pages and dialogs in Korean', async () => {
    const page = await signedInPage(staff, 'ko');
    const problems: string[] = [];
    await page.goto(`${e.baseUrl}/admin/courses/lecturers`);
    await page.getByRole('heading', { level: 1, name: '강사 풀과 강의 가능 시간' }).waitFor();
    await page.getByTestId('lecturer-pool').waitFor();
    await expectNoAxe(page, 'ko lecturer pool', problems);
    await press(page.getByRole('button', { name: `${lecturer.name} 가능 시간` }));
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '월요일 시작', exact: true }).waitFor();
    await expectNoAxe(page, 'ko lecturer dialog', problems);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.goto(`${e.baseUrl}/admin/courses`);
    await page.getByTestId('rooms-table').waitFor();
    await press(page.getByRole('button', { name: '강의실 시험 강의실 수정' }));
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: '월요일 종료', exact: true }).waitFor();
    await expectNoAxe(page, 'ko room dialog', problems);
    expect(problems).toEqual([]);
    await page.close();
  });
});
