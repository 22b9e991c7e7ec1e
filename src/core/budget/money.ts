import { DomainError } from '../shared/domain-error.js';

/**
 * The largest amount (KRW) a line, a product or a sum may reach. 10^15 KRW is far beyond any city
 * budget yet stays below Number.MAX_SAFE_INTEGER (≈9.007×10^15), so amounts survive JSON and
 * PostgreSQL bigint round trips as exact JavaScript numbers.
 */
export const MAX_KRW = 1_000_000_000_000_000;

/** Throws unless `value` is a whole, non-negative number of won no larger than MAX_KRW. */
export function assertKrw(value: unknown, field = 'amount'): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DomainError('budget.not_a_number', {}, field);
  if (!Number.isInteger(value)) throw new DomainError('budget.not_integer', {}, field);
  if (value < 0) throw new DomainError('budget.negative', {}, field);
  if (value > MAX_KRW) throw new DomainError('budget.too_large', { max: MAX_KRW }, field);
}

/**
 * Sums won amounts exactly, refusing a total above MAX_KRW. Plain numbers suffice: every value and
 * every partial sum is checked to stay ≤ MAX_KRW, so no addition exceeds 2×10^15 < 2^53.
 */
export function sumKrw(values: readonly number[], field = 'amount'): number {
  let total = 0;
  for (const v of values) {
    assertKrw(v, field);
    total += v;
    if (total > MAX_KRW) throw new DomainError('budget.too_large', { max: MAX_KRW }, field);
  }
  return total;
}

/** Multiplies whole numbers exactly (BigInt), refusing a product above MAX_KRW. */
export function multiplyKrw(unitPrice: number, factors: readonly number[], field = 'factors'): number {
  let product = BigInt(unitPrice);
  for (const f of factors) product *= BigInt(f);
  if (product > BigInt(MAX_KRW)) throw new DomainError('budget.too_large', { max: MAX_KRW }, field);
  return Number(product);
}

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 11700000 → "11,700,000" (the plan groups digits by three with commas in both languages). */
export function groupDigits(value: number | bigint): string {
  return grouping.format(value);
}

/**
 * Won → thousand won, as the plan's 산출내역 table shows it ("단위: 천원"): 11,700,000 → "11,700".
 * Amounts that are not whole thousands keep their remainder as decimals (1,234,500 → "1,234.5"),
 * computed on integers so nothing is rounded away.
 */
export function formatThousandKrw(krw: number): string {
  const negative = krw < 0;
  const abs = BigInt(Math.abs(krw));
  const whole = abs / 1000n;
  const rest = abs % 1000n;
  let text = groupDigits(whole);
  if (rest !== 0n) text += '.' + rest.toString().padStart(3, '0').replace(/0+$/, '');
  return negative ? '-' + text : text;
}
