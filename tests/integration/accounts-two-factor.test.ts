/**
 * Two-factor sign-in (adr/0013 point 5): enrolment with a code an authenticator app would show,
 * the code step at sign-in, recovery codes that work once, the admin rule, and the fresh factor
 * personal-data exports ask for, with the app's clock moved past the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { enrolTwoFactor, startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { reviewCallBody } from '../factories/review.js';
import { secretOf, totpCode } from '../support/totp.js';

let t: TestApp;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ now: clock.now });
});
afterAll(async () => {
  await t.close();
});

/** Signs in with the password on a new client; returns it and the status of that first step. */
async function passwordStep(email: string, password: string): Promise<{ client: TestClient; status: number; body: unknown }> {
  const client = t.client();
  const res = await client.post('/api/v1/auth/sign-in', { email, password });
  return { client, status: res.statusCode, body: res.json() };
}

async function meOf(client: TestClient) {
  return (await client.get('/api/v1/me')).json<{ user: { id: string; twoFactorEnabled: boolean; twoFactorRequired: boolean } | null }>().user;
}

/** The message an answer gives for one field. */
const fieldMessage = (res: { json: () => { error: { fields?: { path: string; message: string }[] } } }, path: string) => res.json().error.fields?.find((f) => f.path === path)?.message;

const wrongCode = (secret: string) => String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');

describe('enrolment', () => {
  it('hands out an otpauth address and recovery codes for the password, and turns on only with a right code', async () => {
    const person = await t.signedIn([]);
    const refused = await person.post('/api/v1/me/two-factor/enrolment', { password: 'not my password' }, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(422);
    expect(fieldMessage(refused, 'password')).toBe('Your current password is not correct.');

    const start = await person.post('/api/v1/me/two-factor/enrolment', { password: person.password });
    expect(start.statusCode).toBe(200);
    const enrolment = start.json<{ totpUri: string; secret: string; recoveryCodes: string[] }>();
    const uri = new URL(enrolment.totpUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Open Campus (localhost:3000)');
    expect(decodeURIComponent(uri.pathname)).toContain(person.email);
    expect(enrolment.secret).toBe(secretOf(enrolment.totpUri));
    expect(enrolment.recoveryCodes).toHaveLength(10);
    for (const c of enrolment.recoveryCodes) expect(c).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
    expect(new Set(enrolment.recoveryCodes).size).toBe(10);

    // Neither the secret nor a recovery code is stored as it was handed out.
    const rows = await t.campus.database.db.execute(sql`select secret, backup_codes from two_factor where user_id = ${person.userId}`);
    const row = (rows as unknown as { rows: { secret: string; backup_codes: string }[] }).rows[0]!;
    expect(row.secret).not.toContain(enrolment.secret);
    for (const c of enrolment.recoveryCodes) expect(row.backup_codes).not.toContain(c);

    // Not confirmed yet: signing in still takes the password alone.
    expect((await meOf(person))!.twoFactorEnabled).toBe(false);
    expect((await passwordStep(person.email, person.password)).status).toBe(200);

    for (const [lang, message] of [
      ['ko', '코드가 맞지 않거나 만료되었습니다. 인증 앱에 지금 표시된 코드를 입력해 주세요.'],
      ['en', 'This code is not correct or has expired. Enter the code your authenticator app shows now.'],
    ] as const) {
      const wrong = await person.post('/api/v1/me/two-factor/confirm', { code: wrongCode(enrolment.secret) }, { 'accept-language': lang });
      expect(wrong.statusCode).toBe(422);
      expect(fieldMessage(wrong, 'code')).toBe(message);
    }
    const malformed = await person.post('/api/v1/me/two-factor/confirm', { code: '12ab' }, { 'accept-language': 'en' });
    expect(malformed.statusCode).toBe(400);
    expect(fieldMessage(malformed, 'code')).toBe('Enter the 6-digit code your authenticator app shows.');

    // Codes are typed with a space between the groups as often as without.
    const code = totpCode(enrolment.secret);
    const confirmed = await person.post('/api/v1/me/two-factor/confirm', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().twoFactorEnabled).toBe(true);
    expect((await meOf(person))!.twoFactorEnabled).toBe(true);
    const again = await person.post('/api/v1/me/two-factor/enrolment', { password: person.password });
    expect(again.statusCode).toBe(409);

    const audit = await t.campus.database.db.execute(sql`select action from audit_log where entity_id = ${person.userId} and action like 'two_factor.%'`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['two_factor.enable']);
  });
});

describe('signing in with two-factor on', () => {
  let person: Awaited<ReturnType<TestApp['signedIn']>>;
  let recoveryCodes: string[];

  beforeAll(async () => {
    person = await t.signedIn([]);
    const start = await person.post('/api/v1/me/two-factor/enrolment', { password: person.password });
    const enrolment = start.json<{ secret: string; recoveryCodes: string[] }>();
    recoveryCodes = enrolment.recoveryCodes;
    expect((await person.post('/api/v1/me/two-factor/confirm', { code: totpCode(enrolment.secret) })).statusCode).toBe(200);
    person.totpSecret = enrolment.secret;
  });

  it('opens no session on the password alone, and one with the code', async () => {
    const { client, status, body } = await passwordStep(person.email, person.password);
    expect(status).toBe(202);
    expect(body).toEqual({ twoFactorRequired: true });
    expect(await meOf(client)).toBeNull();
    expect((await client.get('/api/v1/me/applications')).statusCode).toBe(401);

    for (const [lang, message] of [
      ['ko', '코드가 맞지 않거나 만료되었습니다. 인증 앱에 지금 표시된 코드를 입력해 주세요.'],
      ['en', 'This code is not correct or has expired. Enter the code your authenticator app shows now.'],
    ] as const) {
      const wrong = await client.post('/api/v1/auth/two-factor', { code: wrongCode(person.totpSecret!) }, { 'accept-language': lang });
      expect(wrong.statusCode).toBe(422);
      expect(fieldMessage(wrong, 'code')).toBe(message);
    }
    const ok = await client.post('/api/v1/auth/two-factor', { code: totpCode(person.totpSecret!) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().id).toBe(person.userId);
    expect((await meOf(client))!.id).toBe(person.userId);
  });

  it('needs the password step first: a code alone opens nothing', async () => {
    const res = await t.client().post('/api/v1/auth/two-factor', { code: totpCode(person.totpSecret!) }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('Signing in took too long or too many codes were wrong. Please sign in again with your password.');
  });

  it('ends the attempt after five wrong codes, even if a right one follows', async () => {
    const { client } = await passwordStep(person.email, person.password);
    for (let i = 0; i < 5; i += 1) expect((await client.post('/api/v1/auth/two-factor', { code: wrongCode(person.totpSecret!) })).statusCode).toBe(422);
    const late = await client.post('/api/v1/auth/two-factor', { code: totpCode(person.totpSecret!) });
    expect(late.statusCode).toBe(401);
    expect(await meOf(client)).toBeNull();
  });

  it('takes a recovery code once, also typed without its hyphen', async () => {
    const code = recoveryCodes[0]!;
    const first = await passwordStep(person.email, person.password);
    expect((await first.client.post('/api/v1/auth/two-factor', { recoveryCode: code.replace('-', '') })).statusCode).toBe(200);
    expect((await meOf(first.client))!.id).toBe(person.userId);

    const second = await passwordStep(person.email, person.password);
    const reused = await second.client.post('/api/v1/auth/two-factor', { recoveryCode: code }, { 'accept-language': 'ko' });
    expect(reused.statusCode).toBe(422);
    expect(fieldMessage(reused, 'recoveryCode')).toBe('복구 코드가 맞지 않거나 이미 사용되었습니다.');
    expect((await second.client.post('/api/v1/auth/two-factor', { recoveryCode: recoveryCodes[1]! })).statusCode).toBe(200);
  });

  it('asks for exactly one of code and recovery code', async () => {
    const { client } = await passwordStep(person.email, person.password);
    const both = await client.post('/api/v1/auth/two-factor', { code: '123456', recoveryCode: recoveryCodes[2]! }, { 'accept-language': 'en' });
    expect(both.statusCode).toBe(400);
    const neither = await client.post('/api/v1/auth/two-factor', {}, { 'accept-language': 'en' });
    expect(neither.statusCode).toBe(400);
    expect(fieldMessage(neither, 'code')).toBe('Enter the 6-digit code your authenticator app shows.');
  });

  it('replaces the recovery codes for the password: the old ones stop working', async () => {
    expect((await person.post('/api/v1/me/two-factor/recovery-codes', { password: 'wrong password' })).statusCode).toBe(422);
    const res = await person.post('/api/v1/me/two-factor/recovery-codes', { password: person.password });
    expect(res.statusCode).toBe(200);
    const fresh = res.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    const { client } = await passwordStep(person.email, person.password);
    expect((await client.post('/api/v1/auth/two-factor', { recoveryCode: recoveryCodes[3]! })).statusCode).toBe(422);
    expect((await client.post('/api/v1/auth/two-factor', { recoveryCode: fresh[0]! })).statusCode).toBe(200);
  });

  it('turns off with the password and a current code', async () => {
    const noCode = await person.post('/api/v1/me/two-factor/disable', { password: person.password, code: wrongCode(person.totpSecret!) });
    expect(noCode.statusCode).toBe(422);
    const wrongPassword = await person.post('/api/v1/me/two-factor/disable', { password: 'wrong password', code: totpCode(person.totpSecret!) });
    expect(wrongPassword.statusCode).toBe(422);
    expect(fieldMessage(wrongPassword, 'password')).toBeDefined();
    const off = await person.post('/api/v1/me/two-factor/disable', { password: person.password, code: totpCode(person.totpSecret!) });
    expect(off.statusCode).toBe(200);
    expect((await meOf(person))!.twoFactorEnabled).toBe(false);
    expect((await passwordStep(person.email, person.password)).status).toBe(200);
  });
});

describe('administrators', () => {
  it('use no admin or staff route until they have set up two-factor sign-in, and then may not turn it off', async () => {
    const admin = await t.signedIn(['admin'], { twoFactor: false });
    const me = await meOf(admin);
    expect(me!.twoFactorRequired).toBe(true);
    for (const [lang, message] of [
      ['ko', '관리자는 2단계 인증을 사용해야 합니다. 내 계정 페이지의 ‘2단계 인증’에서 인증 앱을 등록하면 직원 화면을 다시 사용할 수 있습니다.'],
      ['en', 'Administrators need two-factor sign-in. Please set it up on your account page (Two-factor sign-in) with an authenticator app; then you can use the staff area again.'],
    ] as const) {
      const res = await admin.get('/api/v1/admin/users', { 'accept-language': lang });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'accounts.two_factor_required', message });
    }
    expect((await admin.get('/api/v1/admin/audit-log')).statusCode).toBe(403);

    const secret = await enrolTwoFactor(admin, admin.password);
    expect((await admin.get('/api/v1/admin/users')).statusCode).toBe(200);
    expect((await meOf(admin))!.twoFactorRequired).toBe(false);

    const off = await admin.post('/api/v1/me/two-factor/disable', { password: admin.password, code: totpCode(secret) }, { 'accept-language': 'en' });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('accounts.two_factor_admin_required');
    expect((await admin.get('/api/v1/admin/users')).statusCode).toBe(200);
  });

  it('lets the first administrator from setup sign in and asks them to set it up', async () => {
    const fresh = await startTestApp();
    try {
      const client = fresh.client();
      const setup = await client.post('/api/v1/setup', { token: fresh.campus.setupToken, name: '첫 관리자', email: 'first-admin@example.org', password: 'a long first admin passphrase' });
      expect(setup.statusCode).toBe(201);
      expect(setup.json()).toMatchObject({ roles: expect.arrayContaining(['admin']), twoFactorRequired: true });
      expect((await client.get('/api/v1/admin/users')).statusCode).toBe(403);
      await enrolTwoFactor(client, 'a long first admin passphrase');
      expect((await client.get('/api/v1/admin/users')).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('exports of personal data', () => {
  it('need a code from the last ten minutes: step-up counts, and stops counting after the window', async () => {
    const staff = await t.signedIn(['staff']);
    const created = await staff.post('/api/v1/admin/calls', reviewCallBody({}, clock.now()));
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/admin/calls/${created.json().id}/applications/export.csv?reason=${encodeURIComponent('선발 심사 자료 확인')}`;

    // Just enrolled (as after signing in with a code): fresh.
    expect((await staff.get(url)).statusCode).toBe(200);

    clock.advance(11 * 60_000);
    const stale = await staff.get(url, { 'accept-language': 'en' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error).toMatchObject({ code: 'accounts.fresh_factor_required', message: 'This export holds personal data, so please enter a current code from your authenticator app first.' });
    // Other staff pages need no new code.
    expect((await staff.get('/api/v1/admin/calls')).statusCode).toBe(200);

    expect((await staff.post('/api/v1/me/two-factor/step-up', { code: wrongCode(staff.totpSecret!) })).statusCode).toBe(422);
    expect((await staff.get(url)).statusCode).toBe(403);
    const up = await staff.post('/api/v1/me/two-factor/step-up', { code: totpCode(staff.totpSecret!) });
    expect(up.statusCode).toBe(200);
    // Ten minutes from the step-up (the clock runs on while the request is answered).
    const until = new Date(up.json().freshUntil).getTime() - clock.now().getTime();
    expect(until).toBeGreaterThan(10 * 60_000 - 5_000);
    expect(until).toBeLessThanOrEqual(10 * 60_000);
    const res = await staff.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');

    clock.advance(9 * 60_000);
    expect((await staff.get(url)).statusCode).toBe(200);
    clock.advance(2 * 60_000);
    expect((await staff.get(url)).statusCode).toBe(403);
    clock.reset();
  });

  it('are refused to staff without two-factor sign-in, who are told to set it up', async () => {
    const staff = await t.signedIn(['staff'], { twoFactor: false });
    const created = await staff.post('/api/v1/admin/calls', reviewCallBody({}, clock.now()));
    expect(created.statusCode).toBe(201);
    const res = await staff.get(`/api/v1/admin/calls/${created.json().id}/scores/export.xlsx?reason=${encodeURIComponent('선발 심사 자료 확인')}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('accounts.two_factor_required');
    expect((await staff.post('/api/v1/me/two-factor/step-up', { code: '123456' })).statusCode).toBe(409);
  });

  it('are the routes marked freshFactor in the route registry', () => {
    const marked = t.campus.routes.filter((r) => r.freshFactor).map((r) => `${r.method} ${r.url}`).sort();
    expect(marked).toEqual([
      'GET /api/v1/admin/calls/:id/applications/export.csv',
      'GET /api/v1/admin/calls/:id/applications/export.xlsx',
      'GET /api/v1/admin/calls/:id/scores/export.csv',
      'GET /api/v1/admin/calls/:id/scores/export.xlsx',
    ]);
  });
});

describe('throttling', () => {
  it('counts code guesses at sign-in per attempt and per address', async () => {
    const limited = await startTestApp({ env: { AUTH_RATE_LIMIT: '2' } });
    try {
      const person = await limited.signedIn([], { twoFactor: true });
      const client = limited.client();
      expect((await client.post('/api/v1/auth/sign-in', { email: person.email, password: person.password })).statusCode).toBe(202);
      const codes = [];
      for (let i = 0; i < 3; i += 1) codes.push((await client.post('/api/v1/auth/two-factor', { code: wrongCode(person.totpSecret!) })).statusCode);
      expect(codes).toEqual([422, 422, 429]);
    } finally {
      await limited.close();
    }
  });
});
