/** Account use cases: sign-in, sign-out, first-admin setup, role changes, user listing. */
import { and, asc, eq, exists, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Role } from '../../core/access/policy.js';
import { DomainError } from '../../core/shared/domain-error.js';

import type { Auth } from '../../platform/auth/auth.js';
import { assertPasswordAcceptable } from '../../platform/auth/password-policy.js';
import { countAdmins, globalRoles, grantGlobalRole, setGlobalRoles } from '../../platform/auth/roles.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/client.js';
import { containsPattern } from '../../platform/db/like.js';
import type { UserListQueryT, UserListT } from '../../shared/contracts/accounts.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { roleGrants, users } from '../../platform/db/schema/index.js';
import { checkSetupToken, consumeSetupToken } from '../../platform/instance.js';
import { markEmailVerified } from './repository.js';
import { createAccount } from './sign-up.js';

export interface AuthResult {
  /** Set-Cookie headers to pass on to the browser. */
  cookies: string[];
  userId: string;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie();
}

/**
 * Checks e-mail and password. With two-factor sign-in on, better-auth opens no session yet: it sets
 * a short-lived cookie for the code step instead (`twoFactorRequired`, no userId).
 */
export async function signIn(auth: Auth, input: { email: string; password: string }, headers: Headers): Promise<AuthResult & { twoFactorRequired: boolean }> {
  const res = await auth.api.signInEmail({ body: input, headers, asResponse: true });
  if (!res.ok) throw new DomainError('auth.invalid_credentials');
  const body = (await res.json()) as { user?: { id: string }; twoFactorRedirect?: boolean };
  if (body.twoFactorRedirect || !body.user) return { cookies: cookiesOf(res), userId: '', twoFactorRequired: true };
  return { cookies: cookiesOf(res), userId: body.user.id, twoFactorRequired: false };
}

export async function signOut(auth: Auth, headers: Headers): Promise<string[]> {
  const res = await auth.api.signOut({ headers, asResponse: true });
  return cookiesOf(res);
}

export async function userSummary(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw new DomainError('accounts.user_not_found');
  const roles = await globalRoles(db, u.id);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerified,
    locale: (u.locale === 'en' ? 'en' : 'ko') as 'ko' | 'en',
    roles,
    twoFactorEnabled: u.twoFactorEnabled,
    // An administrator uses no staff page until an authenticator app is set up (adr/0013).
    twoFactorRequired: roles.includes('admin') && !u.twoFactorEnabled,
  };
}

/**
 * Creates the first administrator with the one-time token printed at first start. Refused once any
 * admin exists, so the token cannot be used to take over a running campus.
 */
export async function completeSetup(db: Db, auth: Auth, input: { token: string; name: string; email: string; password: string }, headers: Headers, ip: string): Promise<AuthResult> {
  if ((await countAdmins(db)) > 0) throw new DomainError('setup.not_required');
  if (!(await checkSetupToken(db, input.token))) throw new DomainError('setup.invalid_token');
  assertPasswordAcceptable(input.password, input.email);
  const userId = await createAccount(auth, { name: input.name, email: input.email, password: input.password, locale: 'ko' }, headers);
  if (userId === null) throw new DomainError('auth.sign_up_failed');
  const result = { userId, cookies: [] as string[] };
  try {
    await db.transaction(async (tx) => {
      // The checks above may pass for several simultaneous attempts; using the token up is atomic.
      if (!(await consumeSetupToken(tx, input.token))) throw new DomainError('setup.not_required');
      // Whoever holds the setup token runs the installation: their address is taken as given.
      await markEmailVerified(tx, result.userId);
      await grantGlobalRole(tx, result.userId, 'admin', null);
      await recordAudit(tx, { userId: result.userId, label: 'setup', ip }, { action: 'role.grant', entityType: 'user', entityId: result.userId, after: { roles: ['admin'] } });
    });
  } catch (err) {
    // A losing attempt leaves no account (nor its session) behind.
    await db.delete(users).where(eq(users.id, result.userId));
    throw err;
  }
  return signIn(auth, { email: input.email, password: input.password }, headers);
}

export async function changeRoles(db: Db, actor: Actor, userId: string, roles: readonly Role[]): Promise<Role[]> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
    if (!u) throw new DomainError('accounts.user_not_found');
    const before = await globalRoles(tx, userId);
    // A role reaches people through their address (mail, conflicts of interest): it must be theirs.
    if (!u.emailVerified && roles.some((r) => r !== 'member' && !before.includes(r))) throw new DomainError('accounts.target_unverified');
    if (before.includes('admin') && !roles.includes('admin') && (await countAdmins(tx)) <= 1) throw new DomainError('roles.last_admin');
    await setGlobalRoles(tx, userId, roles, actor.userId);
    const after = await globalRoles(tx, userId);
    await recordAudit(tx, actor, { action: 'role.set', entityType: 'user', entityId: userId, before: { roles: before }, after: { roles: after } });
    return after;
  });
}

/** One page of the accounts with their global roles, oldest first; `q` is matched literally (escaped), `role` keeps those holding it. */
export async function listUsers(db: Db, q: UserListQueryT): Promise<UserListT> {
  const text = q.q ? or(ilike(users.name, containsPattern(q.q)), ilike(users.email, containsPattern(q.q))) : undefined;
  // Every account is a member, so filtering by 'member' keeps them all.
  const holding =
    q.role && q.role !== 'member'
      ? exists(db.select({ one: sql`1` }).from(roleGrants).where(and(eq(roleGrants.userId, users.id), eq(roleGrants.role, q.role), eq(roleGrants.scopeType, 'global'))))
      : undefined;
  const where = and(text, holding);
  const rows = await db.select().from(users).where(where).orderBy(asc(users.createdAt), asc(users.id)).limit(q.pageSize).offset(offsetOf(q));
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  const ids = rows.map((r) => r.id);
  const grants = ids.length ? await db.select().from(roleGrants).where(inArray(roleGrants.userId, ids)) : [];
  return {
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      createdAt: u.createdAt.toISOString(),
      roles: ['member' as Role, ...grants.filter((g) => g.userId === u.id && g.scopeType === 'global').map((g) => g.role as Role)],
    })),
  };
}

/**
 * Changes the signed-in person's password: the current one is asked for again, the new one is
 * screened like at sign-up, and every other session of the account ends (ASVS 6.2.3, 7.4.3).
 */
export async function changePassword(db: Db, auth: Auth, userId: string, input: { currentPassword: string; newPassword: string }, headers: Headers): Promise<string[]> {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!u) throw new DomainError('accounts.user_not_found');
  assertPasswordAcceptable(input.newPassword, u.email, 'newPassword');
  const res = await auth.api.changePassword({ body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true }, headers, asResponse: true });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    if (body.code === 'INVALID_PASSWORD') throw new DomainError('auth.current_password_wrong', {}, 'currentPassword');
    throw new DomainError('auth.password_change_failed');
  }
  return cookiesOf(res);
}

/** Confirms an address with the secret from the mailed link. */
export async function verifyEmail(auth: Auth, token: string, headers: Headers): Promise<string[]> {
  const res = await auth.api.verifyEmail({ query: { token }, headers, asResponse: true });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    throw new DomainError(body.code === 'TOKEN_EXPIRED' ? 'auth.verification_expired' : 'auth.verification_invalid', {}, 'token');
  }
  return cookiesOf(res);
}

/** Queues a new confirmation link for the signed-in account. */
export async function resendVerification(db: Db, auth: Auth, userId: string, headers: Headers): Promise<void> {
  const [u] = await db.select({ email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
  if (!u) throw new DomainError('accounts.user_not_found');
  if (u.emailVerified) throw new DomainError('accounts.already_verified');
  const res = await auth.api.sendVerificationEmail({ body: { email: u.email }, headers, asResponse: true });
  if (!res.ok) throw new DomainError('accounts.verification_mail_failed');
}
