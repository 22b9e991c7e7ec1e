/**
 * Test accounts are verified unless a test says otherwise: as if the person had opened the link,
 * with the confirmation mail taken out of the outbox so tests that count mail count their own.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/platform/db/client.js';
import { outboxMessages, users } from '../../src/platform/db/schema/index.js';

export async function markVerified(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
  await db.delete(outboxMessages).where(and(eq(outboxMessages.toUserId, userId), eq(outboxMessages.kind, 'account_email_verification')));
}
