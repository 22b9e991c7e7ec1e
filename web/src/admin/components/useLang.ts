import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../src/core/shared/localized';

/** The reader's language, for the core's formatters (formulaText, formatThousandKrw). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ko';
}
