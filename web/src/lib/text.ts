/** Showing bilingual content: the reader's language, or the other one marked as a fallback. */
import { useTranslation } from 'react-i18next';
import { pickText, type LocalizedText } from '../../../src/core/shared/localized';

export function useLocalized() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  return (text: LocalizedText | null | undefined) => (text ? pickText(text, lang) : { text: '', lang, fallback: false });
}
