import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { assertKrw, formatThousandKrw, groupDigits, MAX_KRW, multiplyKrw, sumKrw } from './money.js';

/** Runs `fn` and returns the DomainError it throws (code and field), failing if it does not. */
function refusal(fn: () => unknown): { code: string; field: string | undefined } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    return { code: e.code, field: e.field };
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('assertKrw', () => {
  it('accepts whole, non-negative won up to MAX_KRW', () => {
    for (const v of [0, 1, 11_700_000, 10 ** 13, MAX_KRW]) expect(() => assertKrw(v)).not.toThrow();
  });

  it.each([
    ['a negative amount', -1, 'budget.negative'],
    ['a large negative amount', -(10 ** 13), 'budget.negative'],
    ['half a won', 0.5, 'budget.not_integer'],
    ['a thousandth of a won', 1e-3, 'budget.not_integer'],
    ['a fraction above a million', 1_000_000.25, 'budget.not_integer'],
    ['NaN', Number.NaN, 'budget.not_a_number'],
    ['Infinity', Number.POSITIVE_INFINITY, 'budget.not_a_number'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'budget.not_a_number'],
    ['a numeric string', '5000', 'budget.not_a_number'],
    ['a bigint', 5000n, 'budget.not_a_number'],
    ['null', null, 'budget.not_a_number'],
    ['undefined', undefined, 'budget.not_a_number'],
    ['an object', { value: 1 }, 'budget.not_a_number'],
    ['one won above MAX_KRW', MAX_KRW + 1, 'budget.too_large'],
    ['Number.MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER, 'budget.too_large'],
  ])('refuses %s', (_label, value, code) => {
    expect(refusal(() => assertKrw(value, 'unitPrice'))).toEqual({ code, field: 'unitPrice' });
  });

  it('names the default field "amount"', () => {
    expect(refusal(() => assertKrw(-5)).field).toBe('amount');
  });
});

describe('sumKrw', () => {
  it('adds the plan’s pilot-course lines to 72,000,000 won', () => {
    expect(sumKrw([40_000_000, 11_700_000, 9_600_000, 3_000_000, 5_000_000, 2_700_000])).toBe(72_000_000);
  });

  it('is 0 for nothing', () => {
    expect(sumKrw([])).toBe(0);
  });

  it('adds amounts around 10^13 won exactly', () => {
    expect(sumKrw([10 ** 13, 10 ** 13, 10 ** 13])).toBe(3 * 10 ** 13);
    expect(sumKrw([9_999_999_999_999, 9_999_999_999_999, 9_999_999_999_999, 1])).toBe(29_999_999_999_998);
    // Odd last digits: a float accumulator at this magnitude would still be exact, BigInt guarantees it.
    const values = [9_999_999_999_999, 7_777_777_777_777, 1_234_567_890_123, 3, 10 ** 13];
    const reference = values.reduce((s, v) => s + BigInt(v), 0n);
    expect(BigInt(sumKrw(values))).toBe(reference);
  });

  it('reaches MAX_KRW but not one won past it', () => {
    expect(sumKrw([MAX_KRW - 1, 1])).toBe(MAX_KRW);
    expect(refusal(() => sumKrw([MAX_KRW, 1], 'actual'))).toEqual({ code: 'budget.too_large', field: 'actual' });
    expect(refusal(() => sumKrw([6 * 10 ** 14, 6 * 10 ** 14])).code).toBe('budget.too_large');
  });
});

describe('multiplyKrw', () => {
  it('multiplies the plan’s formulas', () => {
    expect(multiplyKrw(130_000, [3, 30, 1])).toBe(11_700_000);
    expect(multiplyKrw(300_000, [16, 2])).toBe(9_600_000);
    expect(multiplyKrw(100_000, [30, 1])).toBe(3_000_000);
    expect(multiplyKrw(5_000_000, [1])).toBe(5_000_000);
  });

  it('is the unit price when there are no factors, and 0 with a zero factor', () => {
    expect(multiplyKrw(2_700_000, [])).toBe(2_700_000);
    expect(multiplyKrw(2_700_000, [0, 1_000_000])).toBe(0);
  });

  it('reaches 10^13 won exactly', () => {
    expect(multiplyKrw(10_000_000, [1_000_000])).toBe(10 ** 13);
    expect(multiplyKrw(9_999_999, [999_999, 1])).toBe(9_999_989_000_001);
  });

  it('refuses a product above MAX_KRW even when every input is small', () => {
    expect(refusal(() => multiplyKrw(100_000_000, [100_000_000]))).toEqual({ code: 'budget.too_large', field: 'factors' });
    expect(refusal(() => multiplyKrw(1000, [1_000_000, 1_000_000, 1_000_000])).code).toBe('budget.too_large');
    expect(multiplyKrw(1000, [1_000_000, 1_000_000])).toBe(10 ** 15);
  });
});

describe('groupDigits', () => {
  it('groups by three with commas, for numbers and bigints', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(130_000)).toBe('130,000');
    expect(groupDigits(10 ** 13)).toBe('10,000,000,000,000');
    expect(groupDigits(1_234_567_890_123_456n)).toBe('1,234,567,890,123,456');
  });
});

describe('formatThousandKrw (단위: 천원)', () => {
  it.each([
    [11_700_000, '11,700'],
    [204_000_000, '204,000'],
    [134_000_000, '134,000'],
    [72_000_000, '72,000'],
    [1_234_500, '1,234.5'],
    [1_234_560, '1,234.56'],
    [1_234_567, '1,234.567'],
    [1_000, '1'],
    [999, '0.999'],
    [1, '0.001'],
    [0, '0'],
    [10 ** 13, '10,000,000,000'],
    [9_999_999_999_999, '9,999,999,999.999'],
    [MAX_KRW, '1,000,000,000,000'],
    [-1_500, '-1.5'],
  ])('%d won → "%s"', (krw, text) => {
    expect(formatThousandKrw(krw)).toBe(text);
  });
});
