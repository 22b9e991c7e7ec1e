/**
 * Opting out by the link in a mail: the token alone says who and what (no account, no session),
 * so a person can opt out from any device, and a forwarded mail's link can do no more than stop
 * these notices to that one address. Reading the link never changes anything; only a POST does.
 */
import type { Db } from '../../platform/db/client.js';
import type { OptOutCategory } from '../../platform/mail/categories.js';
import { hasOptedOut, recordOptOut } from '../../platform/mail/outbox.js';
import { verifyUnsubscribeToken } from '../../platform/mail/unsubscribe-token.js';
import { accountIdByEmail } from './repository.js';

export type LinkState = { valid: false } | { valid: true; email: string; category: OptOutCategory; optedOut: boolean };

/** What the link says and whether it was already used; null claims make the "invalid link" page. */
export async function readLink(db: Db, secret: string, token: string): Promise<LinkState> {
  const claim = verifyUnsubscribeToken(secret, token);
  if (!claim) return { valid: false };
  return { valid: true, ...claim, optedOut: await hasOptedOut(db, claim.email, claim.category) };
}

/** Records the opt-out (again is fine) and suppresses what is still waiting in the outbox. */
export async function unsubscribe(db: Db, secret: string, token: string, source: 'one_click' | 'link'): Promise<LinkState> {
  const claim = verifyUnsubscribeToken(secret, token);
  if (!claim) return { valid: false };
  await db.transaction(async (tx) => {
    const userId = await accountIdByEmail(tx, claim.email);
    await recordOptOut(tx, { ...claim, userId, source });
  });
  return { valid: true, ...claim, optedOut: true };
}
