/**
 * Test data for selection: a call with a sector question and quotas, applicants (accounts and
 * submitted applications) and submitted reviews, written straight into the database with Drizzle
 * so the selection tests do not depend on the review module's routes.
 *
 * Every scored applicant is reviewed by the same reviewer(s), so calibration shifts everyone by the
 * same offsets: the ranking (and exact ties) follow the raw totals given here.
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Question, Quota } from '../../src/core/recruitment/answers.js';
import type { Db } from '../../src/platform/db/client.js';
import { applications, callReviewers, calls, reviewAssignments, reviews, users } from '../../src/platform/db/schema/index.js';

export const HOUR = 3_600_000;

export const SECTOR_QUESTION: Question = {
  key: 'sector',
  type: 'sector',
  required: true,
  label: { ko: '분야', en: 'Sector' },
  options: [
    { value: 'company', label: { ko: '기업', en: 'Company' } },
    { value: 'public', label: { ko: '공공', en: 'Public sector' } },
    { value: 'university', label: { ko: '대학', en: 'University' } },
    { value: 'civil', label: { ko: '시민사회', en: 'Civil society' } },
  ],
};

export const REGION_QUESTION: Question = {
  key: 'region',
  type: 'single_choice',
  required: false,
  label: { ko: '지역', en: 'Region' },
  options: [
    { value: 'seoul', label: { ko: '서울', en: 'Seoul' } },
    { value: 'other', label: { ko: '그 외', en: 'Elsewhere' } },
  ],
};

export interface SeedApplicant {
  name?: string;
  sector: string;
  /** Further answers (e.g. { region: 'seoul' }). */
  answers?: Record<string, string>;
  /** One total (0..100) per reviewer; empty = no submitted review (not scored). */
  scores: number[];
  /** An existing account (e.g. a signed-in test client); otherwise one is created. */
  userId?: string;
  locale?: 'ko' | 'en';
}

export interface SeededApplicant {
  applicationId: string;
  userId: string;
  name: string;
  email: string;
}

export interface SeedOptions {
  capacity: number;
  quotas?: Quota[];
  applicants: SeedApplicant[];
  /** 'closed' (default, closed an hour ago) or 'open' (published, closes in two days). */
  state?: 'closed' | 'open';
  now?: Date;
  questions?: Question[];
}

export async function seedSelectionCall(db: Db, options: SeedOptions): Promise<{ callId: string; applicants: SeededApplicant[] }> {
  const now = options.now ?? new Date();
  const open = options.state === 'open';
  const callId = uuidv7();
  await db.insert(calls).values({
    id: callId,
    status: open ? 'published' : 'closed',
    title: { ko: '사회혁신 리빙랩 참여자 모집', en: 'Social innovation living lab' },
    description: { ko: '참여자를 모집합니다.', en: 'We are recruiting.' },
    programme: '리빙랩 1기',
    opensAt: new Date(now.getTime() - 72 * HOUR),
    closesAt: open ? new Date(now.getTime() + 48 * HOUR) : new Date(now.getTime() - HOUR),
    capacity: options.capacity,
    quotas: options.quotas ?? [],
    questions: options.questions ?? [SECTOR_QUESTION, REGION_QUESTION],
  });

  const reviewerCount = Math.max(1, ...options.applicants.map((a) => a.scores.length));
  const reviewerIds: string[] = [];
  for (let r = 0; r < reviewerCount; r++) {
    const id = uuidv7();
    reviewerIds.push(id);
    await db.insert(callReviewers).values({ id, callId, email: `reviewer${r}-${randomUUID()}@example.org`, status: 'accepted' });
  }

  const seeded: SeededApplicant[] = [];
  for (const [i, a] of options.applicants.entries()) {
    const name = a.name ?? `지원자 ${i + 1}`;
    let userId = a.userId;
    let email: string;
    if (userId) {
      email = '';
    } else {
      email = `applicant${i}-${randomUUID()}@example.org`;
      const [u] = await db
        .insert(users)
        .values({ name, email, locale: a.locale ?? 'ko' })
        .returning({ id: users.id });
      userId = u!.id;
    }
    const applicationId = uuidv7();
    await db.insert(applications).values({
      id: applicationId,
      callId,
      userId,
      status: 'submitted',
      answers: { sector: a.sector, ...a.answers },
      submittedAt: new Date(now.getTime() - 24 * HOUR),
    });
    for (const [r, total] of a.scores.entries()) {
      const assignmentId = uuidv7();
      await db.insert(reviewAssignments).values({ id: assignmentId, callId, applicationId, reviewerId: reviewerIds[r]!, source: 'manual' });
      await db.insert(reviews).values({ id: uuidv7(), assignmentId, status: 'submitted', total, submittedAt: now });
    }
    seeded.push({ applicationId, userId, name, email });
  }
  return { callId, applicants: seeded };
}
