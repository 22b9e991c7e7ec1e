import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvitationToken } from '../../shared/contracts/review.js';
import { hashInvitationToken, invitationLink, invitationTokenMatches, newInvitationToken } from './invitation-token.js';

describe('invitation tokens', () => {
  it('are 43 base64url characters that the contract accepts, each new, with their SHA-256 as the hash', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { token, hash } = newInvitationToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(InvitationToken.safeParse(token).success).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
      seen.add(token);
    }
    expect(seen.size).toBe(50);
  });

  it('match only their own hash, and never a missing or malformed one', () => {
    const { token, hash } = newInvitationToken();
    expect(invitationTokenMatches(token, hash)).toBe(true);
    expect(invitationTokenMatches(newInvitationToken().token, hash)).toBe(false);
    expect(invitationTokenMatches(token, null)).toBe(false);
    expect(invitationTokenMatches(token, '')).toBe(false);
    expect(invitationTokenMatches(token, hash.slice(0, 32))).toBe(false);
    expect(invitationTokenMatches(token, 'zz')).toBe(false);
    // The hash is not itself a key: presenting it as the token does not match.
    expect(invitationTokenMatches(hash, hash)).toBe(false);
    expect(hashInvitationToken(token)).toBe(hash);
  });

  it('go into the reviewer page link', () => {
    expect(invitationLink('https://campus.example', 'a'.repeat(43))).toBe(`https://campus.example/me/reviews?invitation=${'a'.repeat(43)}`);
  });
});
