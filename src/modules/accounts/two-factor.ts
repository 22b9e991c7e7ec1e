/**
 * Two-factor sign-in use cases (docs/adr/0013-accounts-verification-2fa.md). better-auth's twoFactor plugin keeps the TOTP
 * secret and recovery codes (encrypted) and checks codes; these functions call its endpoints,
 * turn its error codes into ours, apply our rules (an administrator keeps two-factor on) and mark
 * the session that proved a code, which personal-data exports ask for.
 */
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/shared/domain-error.js';
import type { ErrorCode } from '../../core/shared/error-codes.js';
import { totpIssuer, type Auth } from '../../platform/auth/auth.js';
import { globalRoles } from '../../platform/auth/roles.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/client.js';
import { sessions, users } from '../../platform/db/schema/index.js';

/** better-auth's error codes → ours (messages in locales/*\/server.json). */
const PLUGIN_ERRORS: Record<string, { code: ErrorCode; field?: string }> = {
  INVALID_CODE: { code: 'accounts.two_factor_code_wrong', field: 'code' },
  INVALID_BACKUP_CODE: { code: 'accounts.recovery_code_wrong', field: 'recoveryCode' },
  INVALID_PASSWORD: { code: 'auth.current_password_wrong', field: 'password' },
  INVALID_TWO_FACTOR_COOKIE: { code: 'accounts.two_factor_challenge_expired' },
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: { code: 'accounts.two_factor_challenge_expired' },
  ACCOUNT_TEMPORARILY_LOCKED: { code: 'accounts.two_factor_locked' },
  TOTP_ALREADY_ENABLED: { code: 'accounts.two_factor_already_enabled' },
  TOTP_NOT_ENABLED: { code: 'accounts.two_factor_not_enabled' },
  TWO_FACTOR_NOT_ENABLED: { code: 'accounts.two_factor_not_enabled' },
  BACKUP_CODES_NOT_ENABLED: { code: 'accounts.two_factor_not_enabled' },
};

async function failure(res: Response, fallback: ErrorCode): Promise<never> {
  const body = (await res.json().catch(() => ({}))) as { code?: string };
  const mapped = body.code ? PLUGIN_ERRORS[body.code] : undefined;
  throw new DomainError(mapped?.code ?? fallback, {}, mapped?.field);
}

/** The token of the session a Set-Cookie list opens (better-auth signs it: `token.signature`). */
export function sessionTokenOf(cookies: string[]): string | null {
  for (const c of cookies) {
    const m = /^(?:__Secure-)?oc\.session_token=([^;]*)/.exec(c);
    if (m?.[1]) return decodeURIComponent(m[1]).split('.')[0] ?? null;
  }
  return null;
}

export async function markSecondFactor(db: Db, sessionToken: string, at: Date): Promise<void> {
  await db.update(sessions).set({ secondFactorAt: at }).where(eq(sessions.token, sessionToken));
}

async function requireAccount(db: Db, userId: string) {
  const [u] = await db.select({ twoFactorEnabled: users.twoFactorEnabled }).from(users).where(eq(users.id, userId));
  if (!u) throw new DomainError('accounts.user_not_found');
  return u;
}

/**
 * Starts (or restarts, while unconfirmed) an enrolment: a new secret and recovery codes. Nothing
 * changes at sign-in until `confirmEnrolment` proves the app shows the right codes.
 */
export async function startEnrolment(db: Db, auth: Auth, publicUrl: string, userId: string, password: string, headers: Headers) {
  if ((await requireAccount(db, userId)).twoFactorEnabled) throw new DomainError('accounts.two_factor_already_enabled');
  const res = await auth.api.enableTwoFactor({ body: { password, issuer: totpIssuer(publicUrl) }, headers, asResponse: true });
  if (!res.ok) return failure(res, 'accounts.two_factor_failed');
  const body = (await res.json()) as { totpURI: string; backupCodes: string[] };
  const secret = new URL(body.totpURI).searchParams.get('secret') ?? '';
  return { totpUri: body.totpURI, secret, recoveryCodes: body.backupCodes };
}

/** The first code from the app turns two-factor sign-in on; the new session counts as fresh. */
export async function confirmEnrolment(db: Db, auth: Auth, actor: Actor & { userId: string }, code: string, headers: Headers, now: Date): Promise<string[]> {
  if ((await requireAccount(db, actor.userId)).twoFactorEnabled) throw new DomainError('accounts.two_factor_already_enabled');
  const res = await auth.api.verifyTOTP({ body: { code }, headers, asResponse: true });
  if (!res.ok) return failure(res, 'accounts.two_factor_code_wrong');
  const cookies = res.headers.getSetCookie();
  // better-auth replaced the session (the user row changed); the new one has just proved a code.
  const token = sessionTokenOf(cookies);
  await db.transaction(async (tx) => {
    if (token) await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.token, token));
    await recordAudit(tx, actor, { action: 'two_factor.enable', entityType: 'user', entityId: actor.userId, after: { twoFactorEnabled: true } });
  });
  return cookies;
}

/**
 * Second step of signing in, with the cookie better-auth set after the password: a code or one
 * recovery code (used up). The session it opens counts as fresh.
 */
export async function completeSignIn(db: Db, auth: Auth, input: { code?: string | undefined; recoveryCode?: string | undefined }, headers: Headers, now: Date) {
  const res =
    input.recoveryCode !== undefined
      ? await auth.api.verifyBackupCode({ body: { code: input.recoveryCode }, headers, asResponse: true })
      : await auth.api.verifyTOTP({ body: { code: input.code ?? '' }, headers, asResponse: true });
  if (!res.ok) return failure(res, 'accounts.two_factor_code_wrong');
  const body = (await res.json()) as { token: string; user: { id: string } };
  await markSecondFactor(db, body.token, now);
  return { cookies: res.headers.getSetCookie(), userId: body.user.id };
}

/** A code again, for this session (before an export): it counts as fresh from now. */
export async function stepUp(db: Db, auth: Auth, userId: string, sessionToken: string, code: string, headers: Headers, now: Date, freshMinutes: number) {
  // An unconfirmed enrolment would be confirmed by better-auth's check: step-up needs a confirmed one.
  if (!(await requireAccount(db, userId)).twoFactorEnabled) throw new DomainError('accounts.two_factor_not_enabled');
  const res = await auth.api.verifyTOTP({ body: { code }, headers, asResponse: true });
  if (!res.ok) return failure(res, 'accounts.two_factor_code_wrong');
  await markSecondFactor(db, sessionToken, now);
  return { freshUntil: new Date(now.getTime() + freshMinutes * 60_000).toISOString() };
}

/**
 * Turns two-factor sign-in off: password and a current code. An administrator may not: the role
 * requires it, so it is given up first (by another administrator).
 */
export async function disableTwoFactor(db: Db, auth: Auth, actor: Actor & { userId: string }, input: { password: string; code: string }, headers: Headers): Promise<string[]> {
  if (!(await requireAccount(db, actor.userId)).twoFactorEnabled) throw new DomainError('accounts.two_factor_not_enabled');
  if ((await globalRoles(db, actor.userId)).includes('admin')) throw new DomainError('accounts.two_factor_admin_required');
  const check = await auth.api.verifyTOTP({ body: { code: input.code }, headers, asResponse: true });
  if (!check.ok) return failure(check, 'accounts.two_factor_code_wrong');
  const res = await auth.api.disableTwoFactor({ body: { password: input.password }, headers, asResponse: true });
  if (!res.ok) return failure(res, 'accounts.two_factor_failed');
  await db.transaction((tx) => recordAudit(tx, actor, { action: 'two_factor.disable', entityType: 'user', entityId: actor.userId, before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false } }));
  return res.headers.getSetCookie();
}

/** New recovery codes (password asked again); the old ones stop working. */
export async function regenerateRecoveryCodes(db: Db, auth: Auth, actor: Actor & { userId: string }, password: string, headers: Headers) {
  if (!(await requireAccount(db, actor.userId)).twoFactorEnabled) throw new DomainError('accounts.two_factor_not_enabled');
  let res: Response;
  try {
    res = await auth.api.generateBackupCodes({ body: { password }, headers, asResponse: true });
  } catch {
    // Its password check throws rather than answering (better-auth 1.7).
    throw new DomainError('auth.current_password_wrong', {}, 'password');
  }
  if (!res.ok) return failure(res, 'accounts.two_factor_failed');
  const body = (await res.json()) as { backupCodes: string[] };
  await db.transaction((tx) => recordAudit(tx, actor, { action: 'two_factor.recovery_codes', entityType: 'user', entityId: actor.userId }));
  return { recoveryCodes: body.backupCodes };
}
