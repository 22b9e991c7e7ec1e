/**
 * Staff define calls for applications over HTTP: create as a draft, change (new consent items bump
 * the consent version), publish, close. A draft never reaches the public (security row 6: a canary
 * in its title appears in no public answer), every staff change leaves an audit row, and clients
 * cannot set status or other server-owned fields (row 3).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, calls } from '../../src/platform/db/schema/index.js';
import type { CallViewT, PublicCallViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { callBody, HOUR } from '../factories/recruitment.js';

const CANARY = 'CANARY-draft-7f3a91';

let t: TestApp;
let staff: TestClient;
let member: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  member = await t.signedIn();
});
afterAll(async () => {
  await t.close();
});

async function create(overrides: Record<string, unknown> = {}): Promise<CallViewT> {
  const res = await staff.post('/api/v1/admin/calls', callBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CallViewT>();
}

async function auditCount(id: string, action: string): Promise<number> {
  const rows = await t.campus.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)));
  return rows.length;
}

describe('call lifecycle', () => {
  it('creates a draft, changes it, publishes it, closes it — each change audited', async () => {
    const call = await create();
    expect(call.status).toBe('draft');
    expect(call.consentVersion).toBe(1);
    expect(call.timeZone).toBe('Asia/Seoul');
    expect(await auditCount(call.id, 'call.create')).toBe(1);

    const renamed = await staff.patch(`/api/v1/admin/calls/${call.id}`, { title: { ko: '새 제목', en: 'New title' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<CallViewT>().consentVersion).toBe(1);

    const reworded = await staff.patch(`/api/v1/admin/calls/${call.id}`, { consentItems: [callBody().consentItems[0]] });
    expect(reworded.json<CallViewT>().consentVersion).toBe(2);
    expect(await auditCount(call.id, 'call.update')).toBe(2);

    const published = await staff.post(`/api/v1/admin/calls/${call.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<CallViewT>().status).toBe('published');
    expect((await staff.post(`/api/v1/admin/calls/${call.id}/publish`)).json().error.code).toBe('recruitment.call_not_draft');

    const listed = (await t.client().get('/api/v1/calls')).json<PublicCallViewT[]>();
    expect(listed.map((c) => c.id)).toContain(call.id);

    const closed = await staff.post(`/api/v1/admin/calls/${call.id}/close`);
    expect(closed.json<CallViewT>().status).toBe('closed');
    expect((await t.client().get(`/api/v1/calls/${call.id}`)).statusCode).toBe(404);
    const edit = await staff.patch(`/api/v1/admin/calls/${call.id}`, { capacity: 40 });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.code).toBe('recruitment.call_closed');
    expect(await auditCount(call.id, 'call.publish')).toBe(1);
    expect(await auditCount(call.id, 'call.close')).toBe(1);
  });

  it('refuses an incoherent call with a field-level error and writes nothing', async () => {
    const before = await t.campus.database.db.select().from(calls);
    const res = await staff.post('/api/v1/admin/calls', callBody({ closesAt: new Date(Date.now() - 2 * HOUR).toISOString() }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'recruitment.closes_before_opens', fields: [{ path: 'closesAt' }] });
    const noOptions = await staff.post('/api/v1/admin/calls', callBody({ questions: [{ key: 'pick', type: 'single_choice', required: true, label: { ko: '선택' } }] }));
    expect(noOptions.json().error.fields[0].path).toBe('questions.0.options');
    expect(await t.campus.database.db.select().from(calls)).toHaveLength(before.length);
  });

  it('has no question type for resident registration numbers', async () => {
    const res = await staff.post('/api/v1/admin/calls', callBody({ questions: [{ key: 'rrn', type: 'resident_registration_number', required: true, label: { ko: '주민등록번호' } }] }));
    expect(res.statusCode).toBe(400);
  });

  it('refuses server-owned fields from clients (mass assignment)', async () => {
    const call = await create();
    for (const extra of [{ status: 'published' }, { consentVersion: 9 }, { id: call.id }, { createdAt: '2020-01-01T00:00:00Z' }]) {
      expect((await staff.post('/api/v1/admin/calls', { ...callBody(), ...extra })).statusCode, JSON.stringify(extra)).toBe(400);
      expect((await staff.patch(`/api/v1/admin/calls/${call.id}`, extra)).statusCode, JSON.stringify(extra)).toBe(400);
    }
    const [row] = await t.campus.database.db.select().from(calls).where(eq(calls.id, call.id));
    expect(row).toMatchObject({ status: 'draft', consentVersion: 1 });
  });

  it('keeps the call editing and application lists to staff', async () => {
    const call = await create();
    expect((await member.post('/api/v1/admin/calls', callBody())).statusCode).toBe(403);
    expect((await member.post(`/api/v1/admin/calls/${call.id}/publish`)).statusCode).toBe(403);
    expect((await member.get(`/api/v1/admin/calls/${call.id}/applications`)).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/admin/calls')).statusCode).toBe(401);
  });
});

describe('drafts stay invisible to the public', () => {
  it('never shows a draft call, by list or by id, to anyone outside staff', async () => {
    const draft = await create({ title: { ko: `초안 ${CANARY}`, en: `Draft ${CANARY}` }, description: { ko: CANARY } });
    const published = await create();
    await staff.post(`/api/v1/admin/calls/${published.id}/publish`);

    for (const client of [t.client(), member]) {
      const list = await client.get('/api/v1/calls');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(CANARY);
      expect(list.json<PublicCallViewT[]>().map((c) => c.id)).toContain(published.id);
      const one = await client.get(`/api/v1/calls/${draft.id}`);
      expect(one.statusCode).toBe(404);
      expect(one.body).not.toContain(CANARY);
      const mine = await client.get(`/api/v1/calls/${draft.id}/my-application`);
      expect(mine.body).not.toContain(CANARY);
      const save = await member.put(`/api/v1/calls/${draft.id}/my-application`, { answers: {} });
      expect(save.statusCode).toBe(404);
    }
    // Staff see drafts in their own list.
    expect((await staff.get('/api/v1/admin/calls')).body).toContain(CANARY);
  });

  it('shows the public only allowlisted fields (no quotas)', async () => {
    const call = await create();
    await staff.post(`/api/v1/admin/calls/${call.id}/publish`);
    const view = (await t.client().get(`/api/v1/calls/${call.id}`)).json<Record<string, unknown>>();
    expect(Object.keys(view).sort()).toEqual(
      ['capacity', 'closesAt', 'consentItems', 'consentVersion', 'description', 'eligibility', 'id', 'opensAt', 'programme', 'questions', 'timeZone', 'title'].sort(),
    );
  });
});
