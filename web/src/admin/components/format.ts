import { formatThousandKrw, groupDigits } from '../../../../src/core/budget/money';
import type { Lang } from '../../../../src/core/shared/localized';

/** Execution rate as "57.35%"; the server already rounds it to two decimals. */
export function formatRate(rate: number | null | undefined, lang: Lang): string | null {
  if (rate === null || rate === undefined) return null;
  return `${new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { maximumFractionDigits: 2 }).format(rate)}%`;
}

export { formatThousandKrw, groupDigits };
