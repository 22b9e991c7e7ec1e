/** Reads of the mail module (opt-outs themselves are written by src/platform/mail/outbox.ts). */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema/index.js';

/** The account that holds `email` now, if any (addresses are stored lower-case). */
export async function accountIdByEmail(db: DbOrTx, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  return row?.id ?? null;
}
