/** Reading and changing global role grants (admin, staff, …). Scoped grants come with later modules. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { ROLES, type Role } from '../../core/access/policy.js';
import type { DbOrTx } from '../db/client.js';
import { roleGrants } from '../db/schema/index.js';

/** Global roles of a user; every account is a 'member' (citizen) as well. */
export async function globalRoles(db: DbOrTx, userId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.scopeType, 'global')));
  const roles = new Set<Role>(['member']);
  for (const r of rows) if ((ROLES as readonly string[]).includes(r.role)) roles.add(r.role as Role);
  return ROLES.filter((r) => roles.has(r));
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'admin'), eq(roleGrants.scopeType, 'global')));
  return row?.n ?? 0;
}

/** Replaces a user's global roles with `roles` ('member' is implicit and never stored). */
export async function setGlobalRoles(db: DbOrTx, userId: string, roles: readonly Role[], grantedBy: string | null): Promise<void> {
  const wanted = new Set(roles.filter((r) => r !== 'member'));
  await db.delete(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.scopeType, 'global'), isNull(roleGrants.scopeId)));
  if (wanted.size > 0) {
    await db.insert(roleGrants).values([...wanted].map((role) => ({ id: uuidv7(), userId, role, scopeType: 'global', scopeId: null, grantedBy })));
  }
}

export async function grantGlobalRole(db: DbOrTx, userId: string, role: Role, grantedBy: string | null): Promise<void> {
  await db.insert(roleGrants).values({ id: uuidv7(), userId, role, scopeType: 'global', grantedBy }).onConflictDoNothing();
}
