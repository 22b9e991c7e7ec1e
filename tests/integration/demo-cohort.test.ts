/**
 * The demo call fills the seeded 2020 top-innovator cohort (issue 9 point 3): before finalising the
 * cohort has no people; finalising the demo selection makes exactly the 30 selected applicants its
 * participants, as staff read the cohort's member list. The demo is loaded as in demo-load.test.ts.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_COHORT_SLUG } from '../../src/modules/courses/seed-2020.js';
import { loadDemo, type DemoLoadResult } from '../../src/modules/recruitment/demo.js';
import { applications, cohorts } from '../../src/platform/db/schema/index.js';
import type { CohortMemberListT } from '../../src/shared/contracts/courses.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import type { FinaliseViewT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let result: DemoLoadResult;

beforeAll(async () => {
  t = await startTestApp();
  result = await loadDemo(t.campus.database.db, t.campus.auth, { password: 'demo password 2020', withReviews: true });
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('finalising the demo selection', () => {
  it('makes the 30 selected applicants the participants of the 2020 top-innovator cohort', async () => {
    const db = t.campus.database.db;
    const staff = await t.signedIn(['staff']);
    const [cohort] = await db.select().from(cohorts).where(eq(cohorts.slug, PILOT_COHORT_SLUG));
    const call = (await staff.get(`/api/v1/admin/calls/${result.callId}`)).json<CallViewT>();
    // The call editor shows the link, and the cohort holds as many places as the call selects.
    expect(call.cohortId).toBe(cohort!.id);
    expect(cohort!.capacity).toBe(call.capacity);
    expect(call.capacity).toBe(30);

    const members = async () => {
      // One page holds them all (at most 100 a page); the total says the page is the whole cohort.
      const res = await staff.get(`/api/v1/admin/cohorts/${cohort!.id}/members?pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json<CohortMemberListT>();
      expect(list.total).toBe(list.items.length);
      return list.items;
    };
    expect(await members()).toHaveLength(0);

    const created = await staff.post(`/api/v1/admin/calls/${result.callId}/selection-runs`, { seed: 'demo' });
    expect(created.statusCode, created.body).toBe(201);
    const run = created.json<SelectionRunViewT>();
    const finalised = await staff.post(`/api/v1/admin/selection-runs/${run.id}/finalise`);
    expect(finalised.statusCode, finalised.body).toBe(200);
    expect(finalised.json<FinaliseViewT>()).toMatchObject({ selected: 30, participants: 30 });

    const people = await members();
    expect(people).toHaveLength(30);
    expect(people.every((p) => p.via === 'selection')).toBe(true);
    const selected = await db.select({ userId: applications.userId }).from(applications).where(eq(applications.outcome, 'selected'));
    expect(people.map((p) => p.userId).sort()).toEqual(selected.map((s) => s.userId).sort());
  }, 120_000);
});
