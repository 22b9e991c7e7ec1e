import type { ErrorCode } from './error-codes.js';

/**
 * A rule of the domain was broken. Carries a stable code (clients may switch on it; declared with
 * its status in error-codes.ts) and a message key with parameters; only the HTTP edge maps codes
 * to status codes and keys to words.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Words and numbers, or a Date for a moment: the edge writes it as people do in the reader's language. */
    readonly params: Record<string, string | number | Date> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
