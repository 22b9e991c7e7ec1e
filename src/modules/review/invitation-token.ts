/**
 * The secret in a reviewer invitation link. E-mail addresses are not verified at sign-up, so an
 * account with the invited address proves nothing; the link, sent only to that mailbox, does. The
 * secret is 32 random bytes (43 base64url characters, `InvitationToken` in the contracts); only its
 * SHA-256 is stored, so a copy of the database cannot answer anyone's invitation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh secret for the link and the hash to store in `call_reviewer.invite_token_hash`. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

/** Whether `token` is the secret whose hash is stored; a row without a hash (sent before links carried one) matches nothing. */
export function invitationTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashInvitationToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The invitation page with its secret, as the mail links it. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/me/reviews?invitation=${token}`;
}
