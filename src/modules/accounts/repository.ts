/** Database reads and writes of the accounts module that better-auth does not do itself. */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema/index.js';

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  locale: string | null;
}

/** The account holding `email` (addresses are stored lower-case), if any. */
export async function accountByEmail(db: DbOrTx, email: string): Promise<AccountRow | undefined> {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row;
}
