/** Showing bilingual content: the reader's language, or the other one marked as a fallback. */
import { useTranslation } from 'react-i18next';
import { pickText, type Lang, type LocalizedText } from '../../../src/core/shared/localized';

/** The reader's language as the content model names it ('ko' unless English is chosen). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ko';
}

export function useLocalized() {
  const lang = useLang();
  return (text: LocalizedText | null | undefined) => (text ? pickText(text, lang) : { text: '', lang, fallback: false });
}

/**
 * The language of a plain string that is not bilingual (a document number such as
 * "사회혁신담당관-12085"): Korean when it contains Hangul, otherwise the page's language.
 */
export function scriptLang(text: string, pageLang: Lang): Lang {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text) ? 'ko' : pageLang;
}
