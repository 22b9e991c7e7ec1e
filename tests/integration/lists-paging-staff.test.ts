/**
 * The staff lists of courses, accounts and the audit log page and filter on the server with the one
 * paging contract: 60 lecturers in the pool (and accounts without 'mentor', who are not), 30 rooms
 * made through the API (so 30 audit entries), the seeded programmes; pages walk every row once with
 * the right total, `q` and the role / kind / entity filters narrow the total, a page size over the
 * cap is refused with a field message in both languages, and only staff (accounts: admins) may read.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleGrants, users } from '../../src/platform/db/schema/index.js';
import type { AuditPageT, UserListT } from '../../src/shared/contracts/accounts.js';
import type { LecturerPoolT, ProgrammeListT, RoomListT, RoomViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let staff: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  admin = await t.signedIn(['admin']);
  const db = t.campus.database.db;
  const mentors = Array.from({ length: 60 }, (_, i) => ({ id: uuidv7(), name: `강사 ${String(i + 1).padStart(2, '0')}`, email: `lecturer${i + 1}@pool.example`, locale: 'ko' as const }));
  const others = Array.from({ length: 5 }, (_, i) => ({ id: uuidv7(), name: `시민 ${i + 1}`, email: `citizen${i + 1}@pool.example`, locale: 'ko' as const }));
  await db.insert(users).values([...mentors, ...others]);
  await db.insert(roleGrants).values(mentors.map((m) => ({ id: uuidv7(), userId: m.id, role: 'mentor', scopeType: 'global' })));
  for (let i = 1; i <= 30; i++) {
    const res = await staff.post('/api/v1/admin/rooms', { name: { ko: `회의실 ${String(i).padStart(2, '0')}`, en: `Room ${i}` }, place: { ko: i <= 10 ? '미래청 2층' : '혁신청 1층' }, capacity: 10 + i });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 180_000);
afterAll(async () => {
  await t.close();
});

const get = async <T>(client: TestClient, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

/** Reads every page of a list and returns the ids in order, checking the paging fields of each. */
const walk = async <T>(client: TestClient, base: string, pageSize: number, idOf: (item: T) => string): Promise<{ ids: string[]; total: number }> => {
  const sep = base.includes('?') ? '&' : '?';
  const first = await get<{ items: T[]; total: number; page: number; pageSize: number }>(client, `${base}${sep}page=1&pageSize=${pageSize}`);
  const last = Math.max(1, Math.ceil(first.total / pageSize));
  const ids = first.items.map(idOf);
  for (let page = 2; page <= last; page++) {
    const p = await get<{ items: T[]; total: number; page: number; pageSize: number }>(client, `${base}${sep}page=${page}&pageSize=${pageSize}`);
    expect([p.total, p.page, p.pageSize]).toEqual([first.total, page, pageSize]);
    expect(p.items.length).toBe(page === last ? first.total - (last - 1) * pageSize : pageSize);
    ids.push(...p.items.map(idOf));
  }
  return { ids, total: first.total };
};

const refusesOversizedPage = async (client: TestClient, url: string) => {
  const en = await client.get(`${url}?pageSize=101`, { 'accept-language': 'en' });
  expect(en.statusCode).toBe(400);
  const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
  expect(fields.find((f) => f.path === 'pageSize')!.message).toMatch(/page size must be a whole number from 1 to 100/i);
  const ko = await client.get(`${url}?pageSize=500`, { 'accept-language': 'ko' });
  expect(ko.statusCode).toBe(400);
  expect(ko.body).toContain('페이지 크기는 1부터 100까지');
};

describe('the lecturer pool', () => {
  it('walks the 60 mentors by name in pages of 25, each once, without the accounts that are not lecturers', async () => {
    const { ids, total } = await walk<LecturerPoolT['items'][number]>(staff, '/api/v1/admin/lecturers', 25, (l) => l.name);
    expect(total).toBe(60);
    expect(new Set(ids).size).toBe(60);
    expect(ids[0]).toBe('강사 01');
    expect(ids[59]).toBe('강사 60');
    expect(ids.some((n) => n.startsWith('시민'))).toBe(false);
    const second = await get<LecturerPoolT>(staff, '/api/v1/admin/lecturers?page=2&pageSize=25');
    expect(second.items[0]).toMatchObject({ name: '강사 26', email: 'lecturer26@pool.example' });
  });

  it('filters by a part of the name or the address, a typed wildcard matched literally', async () => {
    expect((await get<LecturerPoolT>(staff, `/api/v1/admin/lecturers?q=${encodeURIComponent('강사 0')}`)).total).toBe(9);
    const byAddress = await get<LecturerPoolT>(staff, '/api/v1/admin/lecturers?q=LECTURER5');
    expect(byAddress.items.map((l) => l.email)).toEqual(['lecturer5@pool.example', ...Array.from({ length: 10 }, (_, i) => `lecturer5${i}@pool.example`)]);
    expect((await get<LecturerPoolT>(staff, '/api/v1/admin/lecturers?q=%25')).total).toBe(0);
  });

  it('refuses a page size over the cap in both languages, and is for staff only', async () => {
    await refusesOversizedPage(staff, '/api/v1/admin/lecturers');
    expect((await (await t.signedIn(['mentor'])).get('/api/v1/admin/lecturers')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/admin/lecturers')).statusCode).toBe(401);
  });
});

describe('rooms and programmes', () => {
  it('walks the 30 rooms in pages of 12, oldest first, and filters by name or place in either language', async () => {
    const { ids, total } = await walk<RoomViewT>(staff, '/api/v1/admin/rooms', 12, (r) => r.id);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(total);
    const mine = await get<RoomListT>(staff, `/api/v1/admin/rooms?q=${encodeURIComponent('회의실')}&pageSize=100`);
    expect(mine.total).toBe(30);
    expect(mine.items.map((r) => r.name.ko)).toEqual(Array.from({ length: 30 }, (_, i) => `회의실 ${String(i + 1).padStart(2, '0')}`));
    expect((await get<RoomListT>(staff, `/api/v1/admin/rooms?q=${encodeURIComponent('미래청 2층')}`)).items.filter((r) => r.name.ko.startsWith('회의실'))).toHaveLength(10);
    expect((await get<RoomListT>(staff, '/api/v1/admin/rooms?q=room 3')).items.map((r) => r.name.en)).toEqual(['Room 3', 'Room 30']);
    await refusesOversizedPage(staff, '/api/v1/admin/rooms');
    expect((await (await t.signedIn(['participant'])).get('/api/v1/admin/rooms')).statusCode).toBe(403);
  });

  it('pages the programmes and filters them by title and by kind', async () => {
    const all = await get<ProgrammeListT>(staff, '/api/v1/admin/programmes');
    expect(all.total).toBe(2);
    const one = await get<ProgrammeListT>(staff, '/api/v1/admin/programmes?pageSize=1&page=2');
    expect([one.items.length, one.total]).toEqual([1, 2]);
    expect(one.items[0]!.id).toBe(all.items[1]!.id);
    expect((await get<ProgrammeListT>(staff, '/api/v1/admin/programmes?kind=citizen')).items.map((p) => p.slug)).toEqual(['citizen-innovator']);
    expect((await get<ProgrammeListT>(staff, `/api/v1/admin/programmes?q=${encodeURIComponent('최고 혁신가')}`)).items.map((p) => p.slug)).toEqual(['top-innovator']);
    expect((await get<ProgrammeListT>(staff, '/api/v1/admin/programmes?q=top innovator')).items.map((p) => p.slug)).toEqual(['top-innovator']);
    const badKind = await staff.get('/api/v1/admin/programmes?kind=nope', { 'accept-language': 'en' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toContain('kind');
    await refusesOversizedPage(staff, '/api/v1/admin/programmes');
    expect((await (await t.signedIn(['mentor'])).get('/api/v1/admin/programmes')).statusCode).toBe(403);
  });
});

describe('accounts', () => {
  it('walks every account once in pages of 20 and filters by name, address and role', async () => {
    const { ids, total } = await walk<UserListT['items'][number]>(admin, '/api/v1/admin/users', 20, (u) => u.id);
    expect(total).toBeGreaterThanOrEqual(65);
    expect(new Set(ids).size).toBe(total);
    const mentors = await get<UserListT>(admin, '/api/v1/admin/users?q=pool.example&role=mentor&pageSize=100');
    expect(mentors.total).toBe(60);
    expect(mentors.items.every((u) => u.roles.includes('mentor'))).toBe(true);
    const citizens = await get<UserListT>(admin, '/api/v1/admin/users?q=citizen');
    expect(citizens.items.map((u) => u.name)).toEqual(['시민 1', '시민 2', '시민 3', '시민 4', '시민 5']);
    expect(citizens.items.every((u) => u.roles.join() === 'member')).toBe(true);
    expect((await get<UserListT>(admin, '/api/v1/admin/users?q=citizen&role=mentor')).total).toBe(0);
    expect((await get<UserListT>(admin, '/api/v1/admin/users?q=_')).total).toBe(0);
    expect((await get<UserListT>(admin, '/api/v1/admin/users?role=member')).total).toBe(total);
  });

  it('refuses a page size over the cap in both languages, and is for administrators only', async () => {
    await refusesOversizedPage(admin, '/api/v1/admin/users');
    expect((await staff.get('/api/v1/admin/users')).statusCode).toBe(403);
    expect((await (await t.signedIn(['participant'])).get('/api/v1/admin/users')).statusCode).toBe(403);
  });
});

describe('the audit log', () => {
  it('pages the 30 room entries newest first, each once, filtered by entity type and action', async () => {
    const { ids, total } = await walk<AuditPageT['items'][number]>(staff, '/api/v1/admin/audit-log?entityType=room', 8, (e) => e.id);
    expect(total).toBe(30);
    expect(new Set(ids).size).toBe(30);
    expect([...ids].sort().reverse()).toEqual(ids);
    const newest = await get<AuditPageT>(staff, '/api/v1/admin/audit-log?entityType=room&pageSize=1');
    expect(newest.items[0]).toMatchObject({ action: 'room.create', entityType: 'room', after: { name: { ko: '회의실 30', en: 'Room 30' } } });
    expect((await get<AuditPageT>(staff, '/api/v1/admin/audit-log?action=room.create')).total).toBe(30);
    expect((await get<AuditPageT>(staff, '/api/v1/admin/audit-log?entityType=room&action=room.delete')).total).toBe(0);
  });

  it('refuses a page size over the cap in both languages, and is for staff only', async () => {
    await refusesOversizedPage(staff, '/api/v1/admin/audit-log');
    expect((await (await t.signedIn(['participant'])).get('/api/v1/admin/audit-log')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/admin/audit-log')).statusCode).toBe(401);
  });
});
