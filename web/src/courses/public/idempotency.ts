/**
 * One Idempotency-Key per click of "Enrol": a retry of the same click (the answer was lost to the
 * network or the server failed) sends the same key, so the server answers as it did the first time
 * and never enrols twice; once an answer arrives (a seat, a waitlist place or a refusal) the next
 * click is a new attempt with a new key. Pure: the key maker is passed in (crypto.randomUUID in the page).
 */

export interface AttemptKeys {
  /** The key for this try: the pending one when the last try got no answer, otherwise a new one. */
  keyFor(): string;
  /** The server answered (yes or no): the next click is a new attempt. */
  answered(): void;
  /** No answer (network failure, 5xx): a retry reuses the key. */
  unanswered(): void;
  /** The key a retry would send, or null when there is none pending. */
  pending(): string | null;
}

export function attemptKeys(makeKey: () => string): AttemptKeys {
  let current: string | null = null;
  let inFlight = false;
  return {
    keyFor() {
      if (current === null) current = makeKey();
      inFlight = true;
      return current;
    },
    answered() {
      current = null;
      inFlight = false;
    },
    unanswered() {
      inFlight = false;
    },
    pending() {
      return current !== null && !inFlight ? current : null;
    },
  };
}

/** Whether a failed request may have reached the server without its answer reaching us. */
export function isRetryable(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}
