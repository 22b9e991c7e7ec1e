import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

const SECRET = 'a secret of at least thirty-two characters!';

describe('unsubscribe tokens', () => {
  it('verify with the secret that signed them, the address lower-cased', () => {
    const token = signUnsubscribeToken(SECRET, { email: ' Kim@Example.org ', category: 'review' });
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ email: 'kim@example.org', category: 'review' });
  });

  it('refuse another secret, a changed payload, a cut mac and an unknown category', () => {
    const token = signUnsubscribeToken(SECRET, { email: 'kim@example.org', category: 'review' });
    expect(verifyUnsubscribeToken(`${SECRET}x`, token)).toBeNull();
    const [, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ e: 'lee@example.org', c: 'review' })).toString('base64url');
    expect(verifyUnsubscribeToken(SECRET, `${other}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.slice(0, -1))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, 'not a token')).toBeNull();
    const unknown = signUnsubscribeToken(SECRET, { email: 'kim@example.org', category: 'nope' as 'review' });
    expect(verifyUnsubscribeToken(SECRET, unknown)).toBeNull();
  });
});
