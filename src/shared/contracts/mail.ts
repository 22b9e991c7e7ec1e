/** Contracts of the mail routes: the one-click unsubscribe link (RFC 8058). */
import { z } from 'zod';

/** `<payload>.<mac>` in base64url, the mac 43 characters (HMAC-SHA256); checked before the signature. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,1200}\.[A-Za-z0-9_-]{43}$/;

export const UnsubscribeQuery = z.strictObject({
  /** Signed by the server (src/platform/mail/unsubscribe-token.ts): address and category. */
  token: z.string().regex(UNSUBSCRIBE_TOKEN_PATTERN),
});
export type UnsubscribeQueryT = z.infer<typeof UnsubscribeQuery>;

/** The answer is a page for people (text/html, both languages), also when the link is not genuine. */
export const UnsubscribePage = z.string().describe('A bilingual HTML page (text/html)');
