/**
 * Enrolment under a rush (issue 4, point 4): nobody is overbooked and the waitlist has no gaps, with
 * 200 people at once for 30 seats, with retries racing their own first request, and with
 * cancellations at the same moment. Runs on PGlite and (integration-postgres) on PostgreSQL, where
 * the requests really overlap on a pool of connections.
 */
import { and, eq, like } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortState, createCitizens, gapless, insertCohort, type Citizen } from '../factories/enrolment.js';
import { enrolments, outboxMessages } from '../../src/platform/db/schema/index.js';
import type { EnrolmentViewT } from '../../src/shared/contracts/enrolment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A client carrying a citizen's session (and a CSRF token pair), without signing up through argon2. */
function clientOf(citizen: Citizen): TestClient {
  const c = t.client();
  c.cookies.set('oc.session_token', citizen.sessionCookie);
  c.cookies.set('oc_csrf', 'rush-test-csrf');
  return c;
}

const enrolPath = (cohortId: string) => `/api/v1/cohorts/${cohortId}/enrolment`;
const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode);

describe('a rush on an open cohort', () => {
  it('200 concurrent enrolments for 30 seats: exactly 30 enrolled, 170 waitlisted at 1..170, no 5xx', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 30 });
    const citizens = await createCitizens(t.campus, 200, { prefix: 'rush' });
    const responses = await Promise.all(citizens.map((c, i) => clientOf(c).post(enrolPath(cohortId), undefined, { 'idempotency-key': `rush-${i}` })));

    expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses(responses))).toEqual(new Set([201]));
    const answers = responses.map((r) => r.json<EnrolmentViewT>());
    expect(answers.filter((a) => a.status === 'enrolled')).toHaveLength(30);
    const answeredPositions = answers.filter((a) => a.status === 'waitlisted').map((a) => a.waitlistPosition!);
    expect(answeredPositions.sort((a, b) => a - b)).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));

    const state = await cohortState(db, cohortId);
    expect(state).toMatchObject({ enrolled: 30, waitlisted: 170, cancelled: 0, rows: 200 });
    expect(gapless(state.positions)).toBe(true);
    // Generous: 200 requests one after another on PGlite, on a CI machine running other test files too.
  }, 120_000);

  it('retries racing their first request (same key, three at once) enrol each person once and answer alike', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 5 });
    const citizens = await createCitizens(t.campus, 20, { prefix: 'retry' });
    const responses = await Promise.all(
      citizens.flatMap((c, i) => {
        const client = clientOf(c);
        return [0, 1, 2].map(() => client.post(enrolPath(cohortId), undefined, { 'idempotency-key': `retry-${i}` }));
      }),
    );
    expect(statuses(responses).every((s) => s === 201)).toBe(true);
    for (let i = 0; i < citizens.length; i++) {
      const three = responses.slice(i * 3, i * 3 + 3);
      // One first answer and two replays, all with the same body.
      expect(three.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
      expect(new Set(three.map((r) => r.body)).size).toBe(1);
    }
    const state = await cohortState(db, cohortId);
    expect(state).toMatchObject({ enrolled: 5, waitlisted: 15, rows: 20 });
    expect(gapless(state.positions)).toBe(true);
  });

  it('one key sent at the same moment for two cohorts enrols in one of them and refuses the other', async () => {
    const db = t.campus.database.db;
    const [x, y] = [await insertCohort(db, { capacity: 50 }), await insertCohort(db, { capacity: 50 })];
    const citizens = await createCitizens(t.campus, 20, { prefix: 'twice' });
    const responses = await Promise.all(
      citizens.flatMap((c, i) => {
        const client = clientOf(c);
        return [x, y].map((cohortId) => client.post(enrolPath(cohortId), undefined, { 'idempotency-key': `twice-${i}` }));
      }),
    );
    for (let i = 0; i < citizens.length; i++) {
      const pair = responses.slice(i * 2, i * 2 + 2);
      expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expect(pair.find((r) => r.statusCode === 422)!.json<{ error: { code: string } }>().error.code).toBe('enrolment.idempotency_key_reused');
    }
    const [sx, sy] = [await cohortState(db, x), await cohortState(db, y)];
    expect(sx.rows + sy.rows).toBe(20);
  });

  it('concurrent cancellations promote the head of the waitlist in order, once each, and the waitlist closes up', async () => {
    const db = t.campus.database.db;
    const cohortId = await insertCohort(db, { capacity: 10 });
    const citizens = await createCitizens(t.campus, 40, { prefix: 'cancel' });
    // One after another, so who holds which place is known: 1–10 enrolled, 11–40 waitlisted at 1..30.
    for (const c of citizens) expect((await clientOf(c).post(enrolPath(cohortId))).statusCode).toBe(201);

    const leavingSeats = citizens.slice(0, 6); // enrolled
    const leavingWaitlist = [citizens[10]!, citizens[15]!, citizens[39]!]; // waitlisted at 1, 6, 30
    const responses = await Promise.all([...leavingSeats, ...leavingWaitlist].map((c) => clientOf(c).delete(enrolPath(cohortId))));
    expect(statuses(responses)).toEqual(Array(9).fill(200));
    expect(responses.every((r) => r.json<EnrolmentViewT>().status === 'cancelled')).toBe(true);

    const state = await cohortState(db, cohortId);
    expect(state).toMatchObject({ enrolled: 10, waitlisted: 40 - 10 - 6 - 3, cancelled: 9 });
    expect(gapless(state.positions)).toBe(true);

    // The six freed seats went to the first six still waiting (waitlist 1 left): citizens 12–17 except 16.
    const expectedPromoted = [11, 12, 13, 14, 16, 17].map((i) => citizens[i]!.userId);
    const rows = await db.select().from(enrolments).where(eq(enrolments.cohortId, cohortId));
    const statusOf = new Map(rows.map((r) => [r.userId, r]));
    for (const id of expectedPromoted) expect(statusOf.get(id)?.status).toBe('enrolled');
    // Order kept behind them: citizen 18 (0-based 18) is now first in line.
    expect(statusOf.get(citizens[18]!.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(statusOf.get(citizens[38]!.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 21 });

    // One e-mail per promotion, each queued once.
    const mails = await db.select().from(outboxMessages).where(and(eq(outboxMessages.kind, 'enrolment.promoted'), like(outboxMessages.dedupeKey, 'enrolment-promoted:%')));
    const promotedIds = new Set(expectedPromoted.map((u) => statusOf.get(u)!.id));
    const mine = mails.filter((m) => promotedIds.has(m.about.enrolmentId ?? ''));
    expect(mine).toHaveLength(6);
    expect(new Set(mine.map((m) => m.toUserId))).toEqual(new Set(expectedPromoted));
  });
});
