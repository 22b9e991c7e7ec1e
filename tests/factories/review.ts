/**
 * Factories for review tests: a published call with a rubric and a form that feeds the assignment
 * (organisation, sector, topics), applicants with submitted applications, and reviewers who were
 * invited through the API and accepted with their own accounts, through the link in their
 * invitation mail. Everything goes through HTTP, except reading that mail, which comes from the
 * outbox (the tests' mailbox), so the data is what the real app would hold. Other test files import
 * these: keep the exports stable.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import type { AssignmentRunViewT, MyReviewListT, ReviewStateT, RubricT } from '../../src/shared/contracts/review.js';
import type { TestApp, TestClient } from '../support/app.js';
import { waitFor } from '../support/factories.js';

export type SignedIn = TestClient & { userId: string; email: string; password: string };

export const SECTORS = ['public', 'civil', 'business', 'academia'] as const;
export const TOPICS = ['housing', 'energy', 'care', 'mobility', 'food'] as const;

/** Two weighted criteria on a 1..5 scale. */
export const DEFAULT_RUBRIC: RubricT = {
  scaleMin: 1,
  scaleMax: 5,
  criteria: [
    { key: 'impact', label: { ko: '사회적 영향', en: 'Social impact' }, description: { ko: '문제 해결의 크기', en: 'How much of the problem it solves' }, weight: 2 },
    { key: 'feasibility', label: { ko: '실현 가능성', en: 'Feasibility' }, weight: 1 },
  ],
};

const HOUR = 3_600_000;

/** A call whose form has the questions the assignment reads: 'organisation', 'sector' and 'topics'. */
export function reviewCallBody(overrides: Record<string, unknown> = {}, from: Date = new Date()) {
  return {
    title: { ko: '2020 사회혁신 오픈캠퍼스 심사 시험 모집', en: '2020 Open Campus review test call' },
    description: { ko: '심사 흐름을 시험하는 모집입니다.', en: 'A call to exercise the review flow.' },
    programme: '사회혁신 리빙랩 1기',
    opensAt: new Date(from.getTime() - HOUR).toISOString(),
    closesAt: new Date(from.getTime() + 48 * HOUR).toISOString(),
    capacity: 2,
    quotas: [],
    consentItems: [],
    questions: [
      { key: 'motivation', type: 'long_text', required: true, label: { ko: '지원 동기', en: 'Motivation' }, maxLength: 2000 },
      { key: 'org', type: 'organisation', required: false, label: { ko: '소속', en: 'Organisation' } },
      { key: 'sector', type: 'sector', required: true, label: { ko: '분야', en: 'Sector' }, options: SECTORS.map((s) => ({ value: s, label: { ko: s, en: s } })) },
      { key: 'topics', type: 'multiple_choice', required: false, label: { ko: '주제', en: 'Topics' }, options: TOPICS.map((s) => ({ value: s, label: { ko: s, en: s } })) },
    ],
    ...overrides,
  };
}

export interface ApplicantSpec {
  name?: string;
  email?: string;
  organisation?: string;
  sector?: (typeof SECTORS)[number];
  topics?: string[];
}

export interface ReviewerSpec {
  name?: string;
  email?: string;
  organisation?: string | null;
  sectors?: string[];
  topics?: string[];
  expertise?: string[];
  load?: number;
  /** Default true: the reviewer signs up and accepts. False: invited only (no account). */
  accept?: boolean;
  /** An existing account to invite and accept with (its e-mail is used), instead of a new one. */
  client?: SignedIn;
}

export interface SeededApplicant {
  client: SignedIn;
  userId: string;
  email: string;
  name: string;
  applicationId: string;
}

export interface SeededReviewer {
  /** Null when the reviewer was only invited (accept: false). */
  client: SignedIn | null;
  userId: string | null;
  email: string;
  reviewerId: string;
}

export interface SeededCall {
  staff: SignedIn;
  callId: string;
  call: CallViewT;
  applicants: SeededApplicant[];
  reviewers: SeededReviewer[];
}

export interface SeedOptions {
  applicants?: number | ApplicantSpec[];
  reviewers?: number | ReviewerSpec[];
  /** Reviews per application; default 2. */
  k?: number;
  blindReview?: boolean;
  /** Default DEFAULT_RUBRIC; null leaves the call without one. */
  rubric?: RubricT | null;
  /** Overrides of the call body (capacity, questions, …). */
  call?: Record<string, unknown>;
  /** The staff member who creates it; a new one when absent. */
  staff?: SignedIn;
  /** The app's clock, when the test moves it. */
  now?: () => Date;
}

let serial = 0;
/** A unique address at its own domain, so no two seeded people share an institutional domain by accident. */
export function uniqueEmail(prefix: string): string {
  serial += 1;
  const tag = `${serial}-${randomUUID().slice(0, 8)}`;
  return `${prefix}${tag}@${prefix}${tag}.example`;
}

function expectStatus(res: { statusCode: number; body: string }, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

/** Creates, publishes and configures a call; applicants apply and submit; reviewers are invited and accept. */
export async function seedReviewableCall(t: TestApp, options: SeedOptions = {}): Promise<SeededCall> {
  const staff = options.staff ?? ((await t.signedIn(['staff'])) as SignedIn);
  const created = await staff.post('/api/v1/admin/calls', reviewCallBody(options.call ?? {}, options.now ? options.now() : new Date()));
  expectStatus(created, 201, 'create call');
  const call = created.json<CallViewT>();
  expectStatus(await staff.post(`/api/v1/admin/calls/${call.id}/publish`), 200, 'publish call');
  const settings = await staff.put(`/api/v1/admin/calls/${call.id}/review-settings`, {
    rubric: options.rubric === undefined ? DEFAULT_RUBRIC : options.rubric,
    reviewsPerApplication: options.k ?? 2,
    blindReview: options.blindReview ?? false,
  });
  expectStatus(settings, 200, 'review settings');

  const applicantSpecs: ApplicantSpec[] = typeof options.applicants === 'number' ? Array.from({ length: options.applicants }, () => ({})) : (options.applicants ?? []);
  const applicants: SeededApplicant[] = [];
  for (const [i, spec] of applicantSpecs.entries()) {
    const name = spec.name ?? `신청자 ${i + 1}`;
    const client = (await t.signedIn([], { email: spec.email ?? uniqueEmail('applicant'), name })) as SignedIn;
    const answers: Record<string, unknown> = {
      motivation: `도시 문제를 함께 풀고 싶습니다 (${i + 1}).`,
      sector: spec.sector ?? SECTORS[i % SECTORS.length],
      topics: spec.topics ?? [TOPICS[i % TOPICS.length]],
    };
    if (spec.organisation !== undefined) answers.org = spec.organisation;
    const url = `/api/v1/calls/${call.id}/my-application`;
    const saved = await client.put(url, { answers });
    expectStatus(saved, 200, 'save application');
    expectStatus(await client.post(`${url}/submit`), 200, 'submit application');
    applicants.push({ client, userId: client.userId, email: client.email, name, applicationId: saved.json<{ id: string }>().id });
  }

  const reviewerSpecs: ReviewerSpec[] = typeof options.reviewers === 'number' ? Array.from({ length: options.reviewers }, () => ({})) : (options.reviewers ?? []);
  const reviewers: SeededReviewer[] = [];
  for (const [i, spec] of reviewerSpecs.entries()) {
    const email = spec.client?.email ?? spec.email ?? uniqueEmail('reviewer');
    const invited = await staff.post(`/api/v1/admin/calls/${call.id}/reviewers`, {
      email,
      organisation: spec.organisation ?? null,
      sectors: spec.sectors ?? [SECTORS[i % SECTORS.length]],
      topics: spec.topics ?? [TOPICS[i % TOPICS.length]],
      expertise: spec.expertise ?? [],
      load: spec.load ?? 10,
    });
    expectStatus(invited, 201, 'invite reviewer');
    const reviewerId = invited.json<{ id: string }>().id;
    if (spec.accept === false) {
      reviewers.push({ client: null, userId: null, email, reviewerId });
      continue;
    }
    const client = spec.client ?? ((await t.signedIn([], { email, name: spec.name ?? `심사위원 ${i + 1}` })) as SignedIn);
    const token = await invitationToken(t, reviewerId);
    expectStatus(await client.post(`/api/v1/me/reviewer-invitations/${reviewerId}/accept`, { token }), 200, 'accept invitation');
    reviewers.push({ client, userId: client.userId, email, reviewerId });
  }
  return { staff, callId: call.id, call, applicants, reviewers };
}

/** The newest invitation mail queued for a reviewer row, as the invitee would receive it. */
export async function invitationMail(t: TestApp, reviewerId: string): Promise<{ body: string; toEmail: string; dedupeKey: string }> {
  const [mail] = await t.campus.database.db
    .select({ body: outboxMessages.body, toEmail: outboxMessages.toEmail, dedupeKey: outboxMessages.dedupeKey })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, 'reviewer_invitation'), sql`${outboxMessages.about}->>'reviewerId' = ${reviewerId}`))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(1);
  if (!mail) throw new Error(`no invitation mail for reviewer ${reviewerId}`);
  return mail;
}

/** The secret in a mail's invitation link (`…/me/reviews?invitation=<secret>`). */
export function tokenInMail(body: string): string {
  const match = /\/me\/reviews\?invitation=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(body);
  if (!match) throw new Error(`no invitation link in the mail: ${body.slice(0, 200)}`);
  return match[1]!;
}

/** The secret of the link in the newest invitation mail for a reviewer row. */
export async function invitationToken(t: TestApp, reviewerId: string): Promise<string> {
  return tokenInMail((await invitationMail(t, reviewerId)).body);
}

/** Starts an assignment run and polls it until it has finished (assigned, infeasible or failed). */
export async function runAssignment(staff: TestClient, callId: string, body: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<AssignmentRunViewT> {
  const started = await staff.post(`/api/v1/admin/calls/${callId}/assignment-runs`, body);
  expectStatus(started, 202, 'start assignment run');
  return waitForRun(staff, started.json<AssignmentRunViewT>().id, timeoutMs);
}

export async function waitForRun(staff: TestClient, runId: string, timeoutMs = 30_000): Promise<AssignmentRunViewT> {
  let last: AssignmentRunViewT | undefined;
  return waitFor(
    async () => {
      const res = await staff.get(`/api/v1/admin/assignment-runs/${runId}`);
      expectStatus(res, 200, 'poll assignment run');
      last = res.json<AssignmentRunViewT>();
      return last.status !== 'queued' && last.status !== 'running' ? last : undefined;
    },
    timeoutMs,
    () => `assignment run ${runId} still ${last?.status} (${last?.phase})`,
    50,
  );
}

/** Staff pair an application with a reviewer by hand; returns the assignment id. */
export async function assignByHand(staff: TestClient, callId: string, applicationId: string, reviewerId: string, reason = '시험용 직접 배정'): Promise<string> {
  const res = await staff.post(`/api/v1/admin/calls/${callId}/assignments`, { applicationId, reviewerId, reason });
  expectStatus(res, 201, 'manual assignment');
  return res.json<{ id: string }>().id;
}

/** The reviewer's assignment ids, in list order. */
export async function myAssignmentIds(reviewer: TestClient): Promise<string[]> {
  const res = await reviewer.get('/api/v1/me/reviews');
  expectStatus(res, 200, 'my reviews');
  return res.json<MyReviewListT>().reviews.map((r) => r.assignmentId);
}

/** Saves the scores as a draft and submits them; returns the submitted review. */
export async function scoreAndSubmit(reviewer: TestClient, assignmentId: string, scores: Record<string, number>, comment = '검토했습니다.'): Promise<ReviewStateT> {
  expectStatus(await reviewer.put(`/api/v1/me/reviews/${assignmentId}`, { scores, comments: {}, comment }), 200, 'save review');
  const res = await reviewer.post(`/api/v1/me/reviews/${assignmentId}/submit`);
  expectStatus(res, 200, 'submit review');
  return res.json<ReviewStateT>();
}
