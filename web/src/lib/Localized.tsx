/**
 * Bilingual content as text in the reader's language. When only the other language exists, that
 * text is shown with its own lang attribute (so screen readers switch voice, WCAG 3.1.2) and a short
 * note saying which language it is.
 */
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../src/core/shared/localized';
import { useLocalized } from './text';

export function Loc({ value }: { value: LocalizedText | null | undefined }) {
  const { t } = useTranslation();
  const pick = useLocalized()(value);
  if (!pick.fallback) return <>{pick.text}</>;
  return (
    <>
      <span lang={pick.lang}>{pick.text}</span> <span className="fallback-note">{t(`common.fallback.${pick.lang}`)}</span>
    </>
  );
}

/** Plain string of bilingual content in the reader's language, for attributes and titles. */
export function useLocText(): (value: LocalizedText | null | undefined) => string {
  const pick = useLocalized();
  return (value) => pick(value).text;
}
