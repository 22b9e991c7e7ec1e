import { describe, expect, it } from 'vitest';
import { attemptKeys, isRetryable } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('attemptKeys', () => {
  it('sends the same key again when the first try got no answer', () => {
    const keys = attemptKeys(counter());
    const first = keys.keyFor();
    keys.unanswered();
    expect(keys.pending()).toBe(first);
    expect(keys.keyFor()).toBe(first);
    keys.unanswered();
    expect(keys.keyFor()).toBe(first);
  });

  it('makes a new key for the next click once the server has answered', () => {
    const keys = attemptKeys(counter());
    const first = keys.keyFor();
    keys.answered();
    expect(keys.pending()).toBeNull();
    const second = keys.keyFor();
    expect(second).not.toBe(first);
  });

  it('has nothing pending while a try is under way', () => {
    const keys = attemptKeys(counter());
    keys.keyFor();
    expect(keys.pending()).toBeNull();
  });
});

describe('isRetryable', () => {
  it('retries lost answers and server failures, not refusals', () => {
    expect(isRetryable(null)).toBe(true);
    expect(isRetryable(502)).toBe(true);
    expect(isRetryable(500)).toBe(true);
    expect(isRetryable(409)).toBe(false);
    expect(isRetryable(422)).toBe(false);
    expect(isRetryable(401)).toBe(false);
  });
});
