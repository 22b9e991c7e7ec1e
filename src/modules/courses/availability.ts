/**
 * Lecturer availability (docs/timetabling.md): weekly open hours and dates a lecturer cannot come (hard
 * for the timetable), and slots they would like or would rather not teach in (soft: weighed, never
 * refused for), entered by the lecturer (a 'mentor' of the network) or by staff. Only accounts
 * holding 'mentor' have it: anyone else is "not a lecturer" (404), like an unknown id.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { globalRoles } from '../../platform/auth/roles.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { lecturerAvailability, users } from '../../platform/db/schema/index.js';
import { CourseSlotId, type LecturerAvailabilityInputT, type LecturerAvailabilityViewT, type SlotPreferenceT } from '../../shared/contracts/courses.js';

type Row = typeof lecturerAvailability.$inferSelect;
type Pattern = LecturerAvailabilityViewT['preferred'][number];

async function requireLecturer(db: DbOrTx, userId: string): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user || !(await globalRoles(db, userId)).includes('mentor')) throw new DomainError('courses.lecturer_account_not_found');
}

const SLOT_ORDER: readonly string[] = CourseSlotId.options;

/**
 * One list of wishes in a stable form: each pattern once, with only the parts it has, "any day"
 * before Monday … Sunday and slots in the day's order, so the same wishes always read (and audit)
 * the same whatever order they were entered in.
 */
export function normalisePatterns(patterns: readonly SlotPreferenceT[]): Pattern[] {
  const seen = new Set<string>();
  const out: Pattern[] = [];
  for (const p of patterns) {
    const key = `${p.weekday ?? ''}/${p.slot ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...(p.weekday !== undefined ? { weekday: p.weekday } : {}), ...(p.slot !== undefined ? { slot: p.slot } : {}) });
  }
  const slotRank = (p: Pattern) => (p.slot === undefined ? -1 : SLOT_ORDER.indexOf(p.slot));
  return out.sort((a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || slotRank(a) - slotRank(b));
}

function view(userId: string, row: Row | undefined): LecturerAvailabilityViewT {
  return {
    userId,
    weekly: row?.weekly ?? {},
    unavailableDates: row?.unavailableDates ?? [],
    // Stored through the contract's SlotPreference, so the slot is one of CourseSlotId.
    preferred: (row?.preferred ?? []) as Pattern[],
    avoided: (row?.avoided ?? []) as Pattern[],
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

export async function getAvailability(db: DbOrTx, userId: string): Promise<LecturerAvailabilityViewT> {
  await requireLecturer(db, userId);
  const [row] = await db.select().from(lecturerAvailability).where(eq(lecturerAvailability.userId, userId));
  return view(userId, row);
}

export async function setAvailability(db: Db, actor: Actor, userId: string, input: LecturerAvailabilityInputT, now: Date): Promise<LecturerAvailabilityViewT> {
  const values = {
    weekly: input.weekly as Record<string, [number, number][]>,
    unavailableDates: [...new Set(input.unavailableDates)].sort(),
    preferred: normalisePatterns(input.preferred),
    avoided: normalisePatterns(input.avoided),
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    await requireLecturer(tx, userId);
    // Locked, so the audit's "before" is what this write replaces even when two saves race.
    const [row] = await tx.select().from(lecturerAvailability).where(eq(lecturerAvailability.userId, userId)).for('update');
    await tx
      .insert(lecturerAvailability)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: lecturerAvailability.userId, set: values });
    const after = view(userId, { userId, ...values });
    // Nothing stored before is "no before", not an empty week that was never entered.
    await recordAudit(tx, actor, { action: 'lecturer_availability.set', entityType: 'user', entityId: userId, before: row ? view(userId, row) : null, after });
    return after;
  });
}
