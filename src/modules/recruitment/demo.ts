/**
 * Loads the demo call (demo-data.ts) into a database so a new user can walk the whole flow:
 * reviewers, assignment, scores, calibration, selection. Accounts are made the way sign-up makes
 * them (better-auth's own user and credential records, the password hashed by its argon2id hasher),
 * so every demo person can sign in; the password is shared and hashed once. The demo reviewers are
 * linked to their accounts as having accepted (see loadDemo), without invitation mails.
 */
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { checkAnswers, checkCallDefinition } from '../../core/recruitment/answers.js';
import { mulberry32 } from '../../core/shared/random.js';
import type { Auth } from '../../platform/auth/auth.js';
import { grantGlobalRole } from '../../platform/auth/roles.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { accounts, applications, callReviewers, calls, cohorts, reviewAssignments, reviews, users } from '../../platform/db/schema/index.js';
import { PILOT_COHORT_SLUG } from '../courses/public.js';
import { DEMO_TITLE, demoReview, generateDemo, roundRobinAssignment, type DemoData, type DemoPerson } from './demo-data.js';

export const DEMO_ACTOR: Actor = { userId: null, label: 'demo' };
const DAY_MS = 86_400_000;

export class DemoAlreadyLoaded extends Error {
  constructor(readonly callId: string) {
    super(`The demo call is already loaded (call ${callId}); nothing was changed.`);
    this.name = 'DemoAlreadyLoaded';
  }
}

export class DemoNotLoaded extends Error {
  constructor() {
    super('The demo call is not loaded yet: run `npm run demo:load` first.');
    this.name = 'DemoNotLoaded';
  }
}

export interface DemoLoadOptions {
  password: string;
  /** Also assign 3 reviewers per application (round robin, conflict-free) and submit their scores. */
  withReviews?: boolean;
  seed?: number;
  applicants?: number;
  reviewers?: number;
  /**
   * Called inside the load's transaction after the applications are written, before the reviewers:
   * tests throw here to prove an interrupted load leaves no call behind.
   */
  midway?: () => Promise<void> | void;
}

export interface DemoLoadResult {
  callId: string;
  applications: number;
  reviewers: number;
  assignments: number;
  reviews: number;
  staffEmail: string;
  reviewerEmails: string[];
  applicantEmails: string[];
}

/** The demo call's id, found by its title, or null. */
export async function findDemoCall(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(sql`${calls.title}->>'ko' = ${DEMO_TITLE.ko}`)
    .limit(1);
  return row?.id ?? null;
}

/**
 * Accounts for `people`, created as sign-up creates them (user + credential account, no session).
 * They are written before the call's transaction (better-auth writes through its own handle), so
 * this step is idempotent instead: an address that already has an account keeps it, with this
 * run's password (or its missing credential added) — every demo person can sign in with the
 * password printed at the end. Only demo addresses (under .example) are touched.
 */
async function ensureAccounts(db: Db, auth: Auth, people: readonly DemoPerson[], password: string): Promise<Map<string, string>> {
  const context = await auth.$context;
  const hash = await context.password.hash(password);
  const ids = new Map<string, string>();
  for (const p of people) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, p.email));
    if (existing) {
      const [credential] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.userId, existing.id), eq(accounts.providerId, 'credential')));
      if (!credential) await context.internalAdapter.linkAccount({ userId: existing.id, providerId: 'credential', accountId: existing.id, password: hash });
      // The password printed by this run is the one that works, not an earlier run's.
      else await db.update(accounts).set({ password: hash, updatedAt: new Date() }).where(eq(accounts.id, credential.id));
      ids.set(p.email, existing.id);
      continue;
    }
    // Synthetic people at reserved addresses: nobody could open a confirmation link, so they count as confirmed.
    const user = await context.internalAdapter.createUser({ email: p.email, name: p.name, emailVerified: true, locale: p.locale }, { method: 'email-password' });
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
    ids.set(p.email, user.id);
  }
  return ids;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Loads the demo call, its applicants and reviewers (and, with `withReviews`, assignments and scores). */
export async function loadDemo(db: Db, auth: Auth, options: DemoLoadOptions): Promise<DemoLoadResult> {
  const existing = await findDemoCall(db);
  if (existing) throw new DemoAlreadyLoaded(existing);
  const data: DemoData = generateDemo({ seed: options.seed, applicants: options.applicants, reviewers: options.reviewers });
  // The generator must produce what an applicant could have submitted; a mistake there stops here.
  const problems: string[] = checkCallDefinition(data.call).map((e) => e.code);
  for (const a of data.applicants) problems.push(...checkAnswers(data.call.questions, a.answers, true).map((e) => `${a.email}: ${e.code} ${e.field ?? ''}`));
  if (problems.length > 0) throw new Error(`demo data is inconsistent: ${problems.slice(0, 5).join('; ')}`);

  const ids = await ensureAccounts(db, auth, [data.staff, ...data.reviewers, ...data.applicants], options.password);
  const staffId = ids.get(data.staff.email)!;
  await grantGlobalRole(db, staffId, 'staff', null);
  for (const r of data.reviewers) await grantGlobalRole(db, ids.get(r.email)!, 'reviewer', staffId);

  const closes = data.call.closesAt;
  const pairs = options.withReviews ? roundRobinAssignment(data, 3) : [];
  const rand = mulberry32((options.seed ?? 2020) ^ 0x5eed);
  return db.transaction(async (tx) => {
    // Two loads at once (PostgreSQL; the embedded database is locked per process) queue here, and
    // the second finds the first's call: the check above is only a fast path.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('open-campus:demo-load'))`);
    const loaded = await findDemoCall(tx);
    if (loaded) throw new DemoAlreadyLoaded(loaded);
    const callId = uuidv7();
    await tx.insert(calls).values({
      id: callId,
      status: 'closed',
      ...data.call,
      consentVersion: 1,
      rubric: data.rubric,
      reviewsPerApplication: 3,
      blindReview: false,
      createdAt: new Date(data.call.opensAt.getTime() - 14 * DAY_MS),
      updatedAt: closes,
    });
    // The demo call fills the seeded 2020 top-innovator cohort (when it is there and not yet filled
    // by another call), so finalising the demo selection makes that cohort's participants.
    await tx
      .update(cohorts)
      .set({ callId })
      .where(and(eq(cohorts.slug, PILOT_COHORT_SLUG), isNull(cohorts.callId)));
    const appIds = data.applicants.map(() => uuidv7());
    for (const part of chunks(
      data.applicants.map((a, i) => ({
        id: appIds[i]!,
        callId,
        userId: ids.get(a.email)!,
        status: 'submitted' as const,
        answers: a.answers,
        consents: a.consents,
        consentVersion: 1,
        consentedAt: a.submittedAt,
        submittedAt: a.submittedAt,
        createdAt: new Date(a.submittedAt.getTime() - 3_600_000),
        updatedAt: a.submittedAt,
      })),
      100,
    )) {
      await tx.insert(applications).values(part);
    }
    await options.midway?.();
    const reviewerIds = data.reviewers.map(() => uuidv7());
    // The reviewers are written as accepted and linked to their demo accounts directly, with no
    // invitation mail and no link secret (invite_token_hash stays null). That is not a way around
    // the invitation link: this is an operator's command that creates those very accounts, so it
    // already knows who they are — the secret exists to prove that to the app, and only an
    // invitation nobody has answered needs it. Staff who invite someone in the demo go the usual way.
    await tx.insert(callReviewers).values(
      data.reviewers.map((r, j) => ({
        id: reviewerIds[j]!,
        callId,
        email: r.email,
        userId: ids.get(r.email)!,
        status: 'accepted' as const,
        organisation: r.organisation,
        sectors: r.sectors,
        topics: r.topics,
        expertise: r.expertise,
        load: r.load,
        invitedAt: new Date(closes.getTime() + DAY_MS),
        respondedAt: new Date(closes.getTime() + 2 * DAY_MS),
      })),
    );
    let reviewCount = 0;
    for (const part of chunks(pairs, 200)) {
      const rows = part.map(([i, j]) => ({ id: uuidv7(), callId, applicationId: appIds[i]!, reviewerId: reviewerIds[j]!, source: 'manual' as const, explanation: { reason: 'demo' }, createdAt: new Date(closes.getTime() + 3 * DAY_MS) }));
      await tx.insert(reviewAssignments).values(rows);
      await tx.insert(reviews).values(
        part.map(([i, j], n) => {
          const review = demoReview(data.rubric, data.applicants[i]!, data.reviewers[j]!, rand);
          const at = new Date(closes.getTime() + (4 + rand() * 10) * DAY_MS);
          return { id: uuidv7(), assignmentId: rows[n]!.id, status: 'submitted' as const, ...review, submittedAt: at, updatedAt: at };
        }),
      );
      reviewCount += part.length;
    }
    await recordAudit(tx, DEMO_ACTOR, {
      action: 'demo.load',
      entityType: 'call',
      entityId: callId,
      after: { applications: appIds.length, reviewers: reviewerIds.length, assignments: pairs.length, reviews: reviewCount, seed: options.seed ?? 2020 },
    });
    return {
      callId,
      applications: appIds.length,
      reviewers: reviewerIds.length,
      assignments: pairs.length,
      reviews: reviewCount,
      staffEmail: data.staff.email,
      reviewerEmails: data.reviewers.map((r) => r.email),
      applicantEmails: data.applicants.map((a) => a.email),
    };
  });
}

/**
 * Submits demo scores for every assignment of the demo call that has none yet — for when staff ran
 * the automatic assignment in the app and want reviews without scoring 900 applications by hand.
 * Biases and merits come from the same seed as the load; anyone not generated by it scores neutrally.
 */
export async function scoreDemoAssignments(db: Db, options: { seed?: number; applicants?: number; reviewers?: number; now: Date }): Promise<number> {
  const callId = await findDemoCall(db);
  if (!callId) throw new DemoNotLoaded();
  const data = generateDemo({ seed: options.seed, applicants: options.applicants, reviewers: options.reviewers });
  const merit = new Map(data.applicants.map((a) => [a.email, a.merit]));
  const bias = new Map(data.reviewers.map((r) => [r.email, r.bias]));
  const rand = mulberry32((options.seed ?? 2020) ^ 0x5c0e);
  return db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId));
    const rubric = call!.rubric ?? data.rubric;
    const open = await tx
      .select({ assignmentId: reviewAssignments.id, reviewerEmail: callReviewers.email, applicantEmail: users.email })
      .from(reviewAssignments)
      .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
      .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
      .innerJoin(users, eq(users.id, applications.userId))
      .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
      .where(and(eq(reviewAssignments.callId, callId), or(isNull(reviews.id), ne(reviews.status, 'submitted'))));
    for (const row of open) {
      const review = demoReview(rubric, { merit: merit.get(row.applicantEmail) ?? 3 }, { bias: bias.get(row.reviewerEmail) ?? 0 }, rand);
      const values = { ...review, status: 'submitted' as const, submittedAt: options.now, updatedAt: options.now };
      await tx
        .insert(reviews)
        .values({ id: uuidv7(), assignmentId: row.assignmentId, ...values })
        .onConflictDoUpdate({ target: reviews.assignmentId, set: values });
    }
    await recordAudit(tx, DEMO_ACTOR, { action: 'demo.score', entityType: 'call', entityId: callId, after: { reviews: open.length } });
    return open.length;
  });
}
