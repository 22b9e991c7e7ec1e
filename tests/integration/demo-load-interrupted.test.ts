/**
 * A demo load that fails half-way (a failure injected inside its transaction, after the
 * applications are written) leaves no call, no applications and no reviewers behind; the accounts
 * it made before are reused by the next load, which completes with one call, and whose printed
 * password is the one that signs in. A load after that is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoAlreadyLoaded, findDemoCall, loadDemo } from '../../src/modules/recruitment/demo.js';
import { eq } from 'drizzle-orm';
import { PILOT_COHORT_SLUG } from '../../src/modules/courses/seed-2020.js';
import { cohorts } from '../../src/platform/db/schema/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { countRows, snapshotCounts } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('an interrupted demo load', () => {
  it('rolls back the call, then loads once with the new password, then refuses', async () => {
    const db = t.campus.database.db;
    const options = { applicants: 40, reviewers: 6 };
    await expect(
      loadDemo(db, t.campus.auth, {
        ...options,
        password: 'first password 1',
        midway: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(await findDemoCall(db)).toBeNull();
    expect(await countRows(db, 'call')).toBe(0);
    expect(await countRows(db, 'application')).toBe(0);
    expect(await countRows(db, 'call_reviewer')).toBe(0);
    const usersAfterFailure = await countRows(db, 'user');
    expect(usersAfterFailure).toBe(1 + 6 + 40);

    const result = await loadDemo(db, t.campus.auth, { ...options, password: 'second password 2' });
    expect(result.applications).toBe(40);
    expect(await countRows(db, 'call')).toBe(1);
    // It fills the seeded 2020 top-innovator cohort.
    const [cohort] = await db.select({ callId: cohorts.callId }).from(cohorts).where(eq(cohorts.slug, PILOT_COHORT_SLUG));
    expect(cohort?.callId).toBe(result.callId);
    expect(await countRows(db, 'user')).toBe(usersAfterFailure);
    expect(await countRows(db, 'account')).toBe(usersAfterFailure);

    const staff = t.client();
    expect((await staff.post('/api/v1/auth/sign-in', { email: result.staffEmail, password: 'first password 1' })).statusCode).toBe(401);
    expect((await staff.post('/api/v1/auth/sign-in', { email: result.staffEmail, password: 'second password 2' })).statusCode).toBe(200);

    const before = await snapshotCounts(db);
    await expect(loadDemo(db, t.campus.auth, { ...options, password: 'third password 3' })).rejects.toBeInstanceOf(DemoAlreadyLoaded);
    expect(await snapshotCounts(db)).toEqual(before);
  }, 120_000);
});
