/**
 * Open-cohort enrolment data for tests and the enrolment benchmark: citizens inserted directly with a
 * signed session each (signing up thousands through the API would mostly measure argon2), a cohort
 * with N seats, and what the cohort holds afterwards.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OpenCampus } from '../../src/app.js';
import type { Db } from '../../src/platform/db/client.js';
import { cohorts, enrolments, programmes, sessions, users } from '../../src/platform/db/schema/index.js';
import { getOrCreateAuthSecret } from '../../src/platform/instance.js';

export interface Citizen {
  userId: string;
  email: string;
  name: string;
  /** The value of the `oc.session_token` cookie, signed like better-auth signs it. */
  sessionCookie: string;
}

/** better-call's signed cookie: `<value>.<base64 HMAC-SHA256(secret, value)>`, URI-encoded. */
export function signSessionCookie(token: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return encodeURIComponent(`${token}.${signature}`);
}

/**
 * `n` accounts with a live session each, written straight into the database (no password, so no
 * argon2): what sign-up and sign-in would leave behind, in a fraction of the time.
 */
export async function createCitizens(campus: OpenCampus, n: number, options: { prefix?: string; locale?: 'ko' | 'en' } = {}): Promise<Citizen[]> {
  const { db } = campus.database;
  const secret = campus.deps.config.authSecret ?? (await getOrCreateAuthSecret(db));
  const prefix = options.prefix ?? `citizen-${randomBytes(4).toString('hex')}`;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  const people = Array.from({ length: n }, (_, i) => ({
    userId: randomUUID(),
    email: `${prefix}-${i + 1}@example.org`,
    name: `${prefix} ${i + 1}`,
    token: randomBytes(24).toString('base64url'),
  }));
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    await db.insert(users).values(batch.map((p) => ({ id: p.userId, name: p.name, email: p.email, emailVerified: true, locale: options.locale ?? 'ko', createdAt: now, updatedAt: now })));
    await db.insert(sessions).values(batch.map((p) => ({ id: randomUUID(), token: p.token, userId: p.userId, expiresAt, createdAt: now, updatedAt: now })));
  }
  return people.map((p) => ({ userId: p.userId, email: p.email, name: p.name, sessionCookie: signSessionCookie(p.token, secret) }));
}

export interface CohortOptions {
  capacity: number;
  enrolmentMode?: 'open' | 'selection';
  status?: 'draft' | 'published' | 'finished';
  enrolmentOpensAt?: Date | null;
  enrolmentClosesAt?: Date | null;
  title?: { ko: string; en?: string };
}

/** A programme and one cohort of it, written directly (the courses module's staff API is not needed for enrolment). */
export async function insertCohort(db: Db, options: CohortOptions): Promise<string> {
  const programmeId = uuidv7();
  await db.insert(programmes).values({
    id: programmeId,
    kind: 'citizen',
    title: { ko: '시민 혁신가 과정', en: 'Citizen innovator course' },
    description: { ko: '시민을 위한 사회혁신 과정', en: 'Social innovation for citizens' },
    completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: false },
  });
  const id = uuidv7();
  await db.insert(cohorts).values({
    id,
    programmeId,
    title: options.title ?? { ko: '시민 혁신가 과정 (은평구)', en: 'Citizen innovator course (Eunpyeong-gu)' },
    place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' },
    startsOn: '2020-09-01',
    endsOn: '2020-11-30',
    capacity: options.capacity,
    enrolmentMode: options.enrolmentMode ?? 'open',
    status: options.status ?? 'published',
    enrolmentOpensAt: options.enrolmentOpensAt ?? null,
    enrolmentClosesAt: options.enrolmentClosesAt ?? null,
  });
  return id;
}

/** What a cohort's enrolment table holds: counts and the waitlist positions in order. */
export async function cohortState(db: Db, cohortId: string): Promise<{ enrolled: number; waitlisted: number; cancelled: number; positions: number[]; rows: number }> {
  const rows = await db.select({ status: enrolments.status, position: enrolments.waitlistPosition }).from(enrolments).where(eq(enrolments.cohortId, cohortId));
  const of = (s: string) => rows.filter((r) => r.status === s).length;
  const positions = rows
    .filter((r) => r.status === 'waitlisted')
    .map((r) => r.position ?? -1)
    .sort((a, b) => a - b);
  return { enrolled: of('enrolled'), waitlisted: of('waitlisted'), cancelled: of('cancelled'), positions, rows: rows.length };
}

/** True when `positions` is exactly 1, 2, …, n. */
export const gapless = (positions: readonly number[]): boolean => positions.every((p, i) => p === i + 1);
