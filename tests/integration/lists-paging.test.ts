/**
 * Paged staff lists: the outbox pages through 300 mails fifty at a time with the right total, a
 * short last page, an empty page past the end, filters by status and by text, and refuses a page
 * size over the cap with a field message in the reader's language.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import type { OutboxListT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let staff: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const base = Date.UTC(2020, 2, 1);
  // 300 mails a minute apart; every third is about "Alpha", every tenth already sent.
  await t.campus.database.db.insert(outboxMessages).values(
    Array.from({ length: 300 }, (_, i) => ({
      id: uuidv7(),
      dedupeKey: `paging-test:${i}`,
      kind: 'outcome.selected',
      toEmail: `person${i}@example.org`,
      lang: 'ko' as const,
      subject: i % 3 === 0 ? `Alpha notice ${i}` : `Beta notice ${i}`,
      body: 'text',
      status: i % 10 === 0 ? ('sent' as const) : ('pending' as const),
      createdAt: new Date(base + i * 60_000),
    })),
  );
});
afterAll(async () => {
  await t.close();
});

const list = async (query: string) => {
  const res = await staff.get(`/api/v1/admin/outbox${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OutboxListT>();
};

describe('the outbox pages on the server', () => {
  it('walks all 300 mails in pages of 50, newest first, each once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 6; page++) {
      const p = await list(`?page=${page}&pageSize=50`);
      expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([300, page, 50, 50]);
      seen.push(...p.items.map((m) => m.toEmail));
    }
    expect(new Set(seen).size).toBe(300);
    expect(seen[0]).toBe('person299@example.org');
    expect(seen[299]).toBe('person0@example.org');
    const past = await list('?page=7&pageSize=50');
    expect([past.total, past.items.length]).toEqual([300, 0]);
  });

  it('has a short last page and a default page size of 50', async () => {
    const p = await list('?page=4&pageSize=80');
    expect([p.total, p.items.length]).toEqual([300, 60]);
    const d = await list('');
    expect([d.page, d.pageSize, d.items.length]).toEqual([1, 50, 50]);
  });

  it('filters by status and by text, and counts stay over the whole outbox', async () => {
    const sent = await list('?status=sent&pageSize=100');
    expect([sent.total, sent.items.length]).toEqual([30, 30]);
    expect(sent.items.every((m) => m.status === 'sent')).toBe(true);
    expect(sent.counts).toMatchObject({ sent: 30, pending: 270 });

    const alpha = await list('?q=alpha&pageSize=30&page=4');
    expect([alpha.total, alpha.items.length]).toEqual([100, 10]);
    expect(alpha.items.every((m) => m.subject.startsWith('Alpha'))).toBe(true);
    const both = await list('?q=ALPHA&status=sent');
    expect(both.total).toBe(10); // i divisible by 30
    const byAddress = await list(`?q=${encodeURIComponent('person29@')}`);
    expect(byAddress.items.map((m) => m.toEmail)).toEqual(['person29@example.org']);
    // LIKE wildcards are taken literally.
    expect((await list('?q=%25')).total).toBe(0);
    expect((await list('?q=_')).total).toBe(0);
  });

  it('refuses a page size over the cap, or a page below 1, with a field message', async () => {
    for (const [query, field] of [
      ['?pageSize=101', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?page=0', 'page'],
      ['?page=abc', 'page'],
    ] as const) {
      const en = await staff.get(`/api/v1/admin/outbox${query}`, { 'accept-language': 'en' });
      expect(en.statusCode, query).toBe(400);
      const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
      expect(fields.map((f) => f.path)).toContain(field);
      expect(fields.find((f) => f.path === field)!.message).toMatch(field === 'pageSize' ? /page size must be a whole number from 1 to 100/i : /page must be a whole number/i);
    }
    const ko = await staff.get('/api/v1/admin/outbox?pageSize=500', { 'accept-language': 'ko' });
    expect(ko.statusCode).toBe(400);
    expect(ko.body).toContain('페이지 크기는 1부터 100까지');
  });
});
