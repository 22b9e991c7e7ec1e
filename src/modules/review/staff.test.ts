import { describe, expect, it } from 'vitest';
import { invitationLinkMissing } from './staff.js';

describe('invitationLinkMissing', () => {
  const hash = 'a'.repeat(64);
  it('is true only for an unanswered, unlinked invitation without a secret', () => {
    expect(invitationLinkMissing({ status: 'invited', userId: null, inviteTokenHash: null })).toBe(true);
    expect(invitationLinkMissing({ status: 'invited', userId: null, inviteTokenHash: hash })).toBe(false);
    // Linked or answered: the link is no longer needed, so nothing is missing.
    expect(invitationLinkMissing({ status: 'invited', userId: '0190a0b0-0000-7000-8000-000000000001', inviteTokenHash: null })).toBe(false);
    expect(invitationLinkMissing({ status: 'accepted', userId: null, inviteTokenHash: null })).toBe(false);
    expect(invitationLinkMissing({ status: 'declined', userId: null, inviteTokenHash: null })).toBe(false);
  });
});
