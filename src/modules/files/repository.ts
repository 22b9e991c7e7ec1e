/** Data access for stored files and the question "may this reader have this file?". */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { callReviewers, reviewAssignments, storedFiles } from '../../platform/db/schema/index.js';

export type StoredFileRow = typeof storedFiles.$inferSelect;

export async function fileById(db: DbOrTx, id: string): Promise<StoredFileRow | undefined> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row;
}

export async function filesOfApplication(db: DbOrTx, applicationId: string): Promise<StoredFileRow[]> {
  return db.select().from(storedFiles).where(eq(storedFiles.applicationId, applicationId)).orderBy(storedFiles.createdAt);
}

export async function filesOfQuestion(db: DbOrTx, applicationId: string, questionKey: string): Promise<StoredFileRow[]> {
  return db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.applicationId, applicationId), eq(storedFiles.questionKey, questionKey)));
}

/** Whether `userId` reviews `applicationId`: an assignment whose reviewer row is linked to that account. */
export async function isAssignedReviewer(db: DbOrTx, applicationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .innerJoin(callReviewers, eq(callReviewers.id, reviewAssignments.reviewerId))
    .where(and(eq(reviewAssignments.applicationId, applicationId), eq(callReviewers.userId, userId)))
    .limit(1);
  return !!row;
}
