/**
 * A rule of the domain was broken. Carries a stable code (clients may switch on it) and a message
 * key with parameters; only the HTTP edge maps codes to status codes and keys to words.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
