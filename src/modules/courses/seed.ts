/**
 * Loads the 2020 pilot (seed-2020.ts) at start. Each part — a programme, the rooms, a cohort with
 * its curriculum — is inserted once, ever: a marker row in system_state is written in the same
 * transaction, so a later start neither duplicates it nor brings back what staff deleted or
 * changed. Two instances starting together meet on the marker's primary key: the second one's
 * insert does nothing and it skips the part.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, Tx } from '../../platform/db/client.js';
import { cohorts, courseModules, courseSessions, programmes, rooms, sessionLecturers, systemState } from '../../platform/db/schema/index.js';
import { DOMESTIC_FEE_RATE, pilotModules, pilotSessions, PILOT_COHORT_SLUG, seedCohorts, seedProgrammes, seedRooms, type SeedCohort } from './seed-2020.js';

const MARKER = 'seed:courses:';

/** Runs `insert` once per marker key; returns whether it ran now. */
async function once(db: Db, key: string, insert: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(systemState)
      .values({ key: MARKER + key, value: 'seeded' })
      .onConflictDoNothing()
      .returning({ key: systemState.key });
    if (claimed.length === 0) return false;
    await insert(tx);
    return true;
  });
}

export const newCheckinSecret = (): string => randomBytes(32).toString('base64url');

export async function seedCourses(db: Db): Promise<void> {
  for (const p of seedProgrammes) {
    await once(db, `programme:${p.slug}`, async (tx) => {
      await tx
        .insert(programmes)
        .values({ id: uuidv7(), slug: p.slug, kind: p.kind, title: p.title, description: p.description, completionRule: p.completionRule })
        .onConflictDoNothing();
    });
  }
  await once(db, 'rooms:seoul-innovation-park', async (tx) => {
    for (const r of seedRooms) await tx.insert(rooms).values({ id: uuidv7(), name: r.name, place: r.place, capacity: r.capacity, availability: r.availability });
  });
  for (const c of seedCohorts) {
    await once(db, `cohort:${c.slug}`, (tx) => insertCohort(tx, c));
  }
}

async function insertCohort(tx: Tx, c: SeedCohort): Promise<void> {
  const [programme] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, c.programmeSlug));
  // Staff removed the programme: the cohort is not brought back on its own.
  if (!programme) return;
  const cohortId = uuidv7();
  const inserted = await tx
    .insert(cohorts)
    .values({
      id: cohortId,
      programmeId: programme.id,
      slug: c.slug,
      title: c.title,
      place: c.place,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      capacity: c.capacity,
      enrolmentMode: c.enrolmentMode,
      callId: null,
      status: c.status,
    })
    .onConflictDoNothing()
    .returning({ id: cohorts.id });
  if (inserted.length === 0 || c.slug !== PILOT_COHORT_SLUG) return;

  const moduleIds = new Map<string, string>();
  for (const [position, m] of pilotModules.entries()) {
    const id = uuidv7();
    moduleIds.set(m.key, id);
    await tx.insert(courseModules).values({ id, cohortId, title: m.title, goals: m.goals, position });
  }
  const sessionIds = new Map(pilotSessions.map((s) => [s.key, uuidv7()]));
  for (const [position, s] of pilotSessions.entries()) {
    const id = sessionIds.get(s.key)!;
    const constraints: Record<string, unknown> = {};
    if (s.after?.length) constraints.prerequisites = s.after.map((k) => sessionIds.get(k)!);
    if (s.allowedWeeks) constraints.allowedWeeks = s.allowedWeeks;
    if (s.cadenceGroup) constraints.cadenceGroup = s.cadenceGroup;
    await tx.insert(courseSessions).values({
      id,
      cohortId,
      moduleId: moduleIds.get(s.module) ?? null,
      type: s.type,
      title: s.title,
      durationMinutes: s.durationMinutes,
      days: s.days ?? 1,
      placeText: s.placeText ?? null,
      constraints,
      position,
      checkinSecret: newCheckinSecret(),
    });
    for (const name of s.lecturers ?? []) {
      await tx.insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, externalName: name, feeRate: DOMESTIC_FEE_RATE });
    }
  }
}
