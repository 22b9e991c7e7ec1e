/** Bilingual content value: Korean is required (the plan's own language), English optional with a marked fallback. */
export interface LocalizedText {
  ko: string;
  en?: string | undefined;
}

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'] as const;

/** Picks the reader's language; `fallback` is true when the other language had to stand in. */
export function pickText(text: LocalizedText, lang: Lang): { text: string; lang: Lang; fallback: boolean } {
  if (lang === 'en') {
    if (text.en && text.en.trim() !== '') return { text: text.en, lang: 'en', fallback: false };
    return { text: text.ko, lang: 'ko', fallback: true };
  }
  if (text.ko.trim() !== '') return { text: text.ko, lang: 'ko', fallback: false };
  return { text: text.en ?? '', lang: 'en', fallback: true };
}
