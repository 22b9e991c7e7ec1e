/**
 * Lecturer availability (issue 4, point 3): weekly open hours and dates a lecturer cannot come,
 * entered by the lecturer (a 'mentor' of the network) or by staff, and read by the timetable. Only
 * accounts holding 'mentor' have it: anyone else is "not a lecturer" (404), like an unknown id.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { globalRoles } from '../../platform/auth/roles.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { lecturerAvailability, users } from '../../platform/db/schema/index.js';
import type { LecturerAvailabilityInputT, LecturerAvailabilityViewT } from '../../shared/contracts/courses.js';

async function requireLecturer(db: DbOrTx, userId: string): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user || !(await globalRoles(db, userId)).includes('mentor')) throw new DomainError('courses.lecturer_account_not_found');
}

export async function getAvailability(db: DbOrTx, userId: string): Promise<LecturerAvailabilityViewT> {
  await requireLecturer(db, userId);
  const [row] = await db.select().from(lecturerAvailability).where(eq(lecturerAvailability.userId, userId));
  return {
    userId,
    weekly: row?.weekly ?? {},
    unavailableDates: row?.unavailableDates ?? [],
    preferred: (row?.preferred ?? []) as LecturerAvailabilityViewT['preferred'],
    avoided: (row?.avoided ?? []) as LecturerAvailabilityViewT['avoided'],
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

export async function setAvailability(db: Db, actor: Actor, userId: string, input: LecturerAvailabilityInputT, now: Date): Promise<LecturerAvailabilityViewT> {
  const dates = [...new Set(input.unavailableDates)].sort();
  return db.transaction(async (tx) => {
    const before = await getAvailability(tx, userId);
    const values = { weekly: input.weekly as Record<string, [number, number][]>, unavailableDates: dates, preferred: input.preferred, avoided: input.avoided, updatedAt: now };
    await tx
      .insert(lecturerAvailability)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: lecturerAvailability.userId, set: values });
    const after = { userId, weekly: values.weekly, unavailableDates: dates, preferred: input.preferred, avoided: input.avoided, updatedAt: now.toISOString() };
    await recordAudit(tx, actor, { action: 'lecturer_availability.set', entityType: 'user', entityId: userId, before, after });
    return after;
  });
}
