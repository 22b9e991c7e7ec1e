/**
 * The token in an unsubscribe link: `<payload>.<mac>`, both base64url. The payload names the
 * address and the category ({"e":"…","c":"review"}); the mac is HMAC-SHA256 over the payload with a
 * key derived from the installation's secret, so verifying needs no database row and a changed
 * address or category fails. Tokens do not expire: an opt-out link in a years-old mail must still
 * work (RFC 8058 asks the link to stay usable), and all it can do is stop notices to that address.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { UNSUBSCRIBE_TOKEN_PATTERN } from '../../shared/contracts/mail.js';
import { isOptOutCategory, type OptOutCategory } from './categories.js';

export interface UnsubscribeClaim {
  email: string;
  category: OptOutCategory;
}


/** A key of its own, so a mac made here can never stand in for one the auth library makes with the same secret. */
const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('open-campus/mail-unsubscribe/v1').digest();
const macOf = (secret: string, payload: string): Buffer => createHmac('sha256', keyOf(secret)).update(payload).digest();

export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ e: claim.email.trim().toLowerCase(), c: claim.category })).toString('base64url');
  return `${payload}.${macOf(secret, payload).toString('base64url')}`;
}

/** The claim of a genuine token, or null for anything altered, truncated or made up. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) return null;
  const [payload = '', mac = ''] = token.split('.');
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; c?: unknown };
    if (typeof parsed.e !== 'string' || parsed.e.length === 0 || typeof parsed.c !== 'string' || !isOptOutCategory(parsed.c)) return null;
    return { email: parsed.e, category: parsed.c };
  } catch {
    return null;
  }
}

export const unsubscribeUrl = (publicUrl: string, token: string): string => `${publicUrl}/api/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`;
