/** Database reads and writes of the accounts module that better-auth does not do itself. */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { outboxMessages, users } from '../../platform/db/schema/index.js';

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  locale: string | null;
  emailVerified: boolean;
}

const accountColumns = { id: users.id, name: users.name, email: users.email, locale: users.locale, emailVerified: users.emailVerified };

/** The account holding `email` (addresses are stored lower-case), if any. */
export async function accountByEmail(db: DbOrTx, email: string): Promise<AccountRow | undefined> {
  const [row] = await db.select(accountColumns).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row;
}

export async function accountById(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function markEmailVerified(db: DbOrTx, id: string): Promise<void> {
  await db.update(users).set({ emailVerified: true }).where(eq(users.id, id));
}

/** How many confirmation mails were ever queued for the account (numbers each sending). */
export async function verificationMailCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, 'account_email_verification'), sql`${outboxMessages.about}->>'userId' = ${userId}`));
  return row?.n ?? 0;
}
