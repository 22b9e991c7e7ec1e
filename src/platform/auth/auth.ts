/**
 * better-auth, configured for Open Campus: e-mail + password with argon2id (@node-rs/argon2, off the
 * main thread), sessions stored in the database, our own uuid ids. Roles and permissions are not
 * its business: they live in role_grant and core/access.
 */
import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Db } from '../db/client.js';
import { accounts, sessions, twoFactors, users, verifications } from '../db/schema/index.js';

/** OWASP's argon2id baseline (m=19 MiB, t=2, p=1): ~7 ms here, computed on libuv's pool. */
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

export interface AuthOptions {
  db: Db;
  secret: string;
  publicUrl: string;
  sessionDays?: number;
  /**
   * Queues the confirmation mail with its secret (a signed, expiring token) in the outbox; called at
   * sign-up and on "send again". better-auth never sends mail itself.
   */
  onVerificationToken?: (user: { id: string; email: string; name: string; locale?: string | null }, token: string) => Promise<void>;
}

/** Recovery codes handed out at enrolment and on "new codes"; each works once. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * The name authenticator apps list the account under: the product and this installation's host,
 * so a person with accounts on two campuses can tell them apart.
 */
export function totpIssuer(publicUrl: string): string {
  return `Open Campus (${new URL(publicUrl).host})`;
}

export function createAuth(options: AuthOptions) {
  const secure = options.publicUrl.startsWith('https://');
  return betterAuth({
    appName: 'Open Campus',
    baseURL: options.publicUrl,
    basePath: '/api/auth',
    secret: options.secret,
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors },
    }),
    plugins: [
      // TOTP (RFC 6238, 6 digits, 30 s) with recovery codes, both stored encrypted with the secret.
      // Routes of our own wrap its endpoints: they throttle, word errors and apply our policies (adr/0013).
      twoFactor({
        issuer: totpIssuer(options.publicUrl),
        backupCodeOptions: { amount: RECOVERY_CODE_COUNT, length: 10, storeBackupCodes: 'encrypted' },
        // Ten minutes from password to code at sign-in; five wrong codes end that attempt.
        twoFactorCookieMaxAge: 600,
        // A trusted device would skip the code for 30 days: not offered, so no such cookie is honoured.
        trustDeviceMaxAge: 1,
      }),
    ],
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      // Sign-up answers alike for new and known addresses, so it opens no session (adr/0013).
      autoSignIn: false,
      password: { hash: hashPassword, verify: ({ hash: h, password }) => verifyPassword(h, password) },
    },
    emailVerification: {
      sendOnSignUp: true,
      // Three days: without SMTP, staff pass the link on from the outbox, which can take a while.
      expiresIn: 3 * 24 * 3600,
      autoSignInAfterVerification: false,
      sendVerificationEmail: async ({ user, token }) => {
        await options.onVerificationToken?.(user as { id: string; email: string; name: string; locale?: string | null }, token);
      },
    },
    user: {
      additionalFields: { locale: { type: 'string', required: false, defaultValue: 'ko', input: true } },
    },
    session: {
      // Ours (set by the two-factor routes); read with the session so the request hook can judge freshness.
      additionalFields: { secondFactorAt: { type: 'date', required: false, input: false } },
      expiresIn: 60 * 60 * 24 * (options.sessionDays ?? 7),
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: false },
    },
    // Our routes throttle sign-in and sign-up themselves (per IP and per account).
    rateLimit: { enabled: false },
    trustedOrigins: [options.publicUrl],
    telemetry: { enabled: false },
    logger: { disabled: true },
    advanced: {
      cookiePrefix: 'oc',
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true, secure },
      database: { generateId: 'uuid' },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
