/**
 * Public sign-up that does not tell whether an address already has an account (ASVS 6.3.8): a new
 * address gets an account, an address in use gets a notice to its owner through the outbox, and
 * the caller gets the same answer either way, with no session (a session cookie for one case only
 * would give the answer away). The person then signs in; the web app does that at once.
 *
 * Both paths do the same costly work, one argon2id hash and one outbox row, so the answer takes
 * about as long whichever it was.
 */
import { DomainError } from '../../core/shared/domain-error.js';
import { hashPassword, type Auth } from '../../platform/auth/auth.js';
import { assertPasswordAcceptable } from '../../platform/auth/password-policy.js';
import type { Db } from '../../platform/db/client.js';
import { queueSignUpAttempt } from './notify.js';
import { accountByEmail } from './repository.js';

export interface SignUpRequest {
  name: string;
  email: string;
  password: string;
  locale: 'ko' | 'en';
}

export interface SignUpDeps {
  db: Db;
  auth: Auth;
  now: () => Date;
  publicUrl: string;
}

const ALREADY_EXISTS = new Set(['USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL']);

/** Creates the account; returns its id, or null when the address is already taken. */
export async function createAccount(auth: Auth, input: SignUpRequest, headers?: Headers): Promise<string | null> {
  const res = await auth.api.signUpEmail({
    body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
    ...(headers ? { headers } : {}),
    asResponse: true,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    if (body.code && ALREADY_EXISTS.has(body.code)) return null;
    throw new DomainError('auth.sign_up_failed');
  }
  const body = (await res.json()) as { user: { id: string } };
  return body.user.id;
}

async function notifyOwner(deps: SignUpDeps, email: string, password: string): Promise<void> {
  const owner = await accountByEmail(deps.db, email);
  // The same hash a new account costs, thrown away: the time taken does not tell the cases apart.
  await hashPassword(password);
  if (owner) await queueSignUpAttempt(deps.db, owner, deps.now(), deps.publicUrl);
}

export async function registerAccount(deps: SignUpDeps, input: SignUpRequest, headers: Headers): Promise<void> {
  // Before the address is looked up, so a refused password says nothing about the address.
  assertPasswordAcceptable(input.password, input.email);
  if (await accountByEmail(deps.db, input.email)) return notifyOwner(deps, input.email, input.password);
  const created = await createAccount(deps.auth, input, headers);
  // Taken between the look-up and the insert (two sign-ups at once): treated as taken.
  if (created === null) await notifyOwner(deps, input.email, input.password);
}
