import { describe, expect, it } from 'vitest';
import { LANGS, pickText } from './localized.js';

describe('pickText', () => {
  const both = { ko: '사무관리비', en: 'Office operating expenses' };

  it('picks the reader’s language when it is there', () => {
    expect(pickText(both, 'ko')).toEqual({ text: '사무관리비', lang: 'ko', fallback: false });
    expect(pickText(both, 'en')).toEqual({ text: 'Office operating expenses', lang: 'en', fallback: false });
  });

  it('falls back to Korean, marked, when English is missing, empty or blank', () => {
    for (const text of [{ ko: '연구용역비' }, { ko: '연구용역비', en: '' }, { ko: '연구용역비', en: '   ' }, { ko: '연구용역비', en: undefined }]) {
      expect(pickText(text, 'en')).toEqual({ text: '연구용역비', lang: 'ko', fallback: true });
    }
  });

  it('falls back to English, marked, when Korean is blank', () => {
    expect(pickText({ ko: ' ', en: 'Publicity' }, 'ko')).toEqual({ text: 'Publicity', lang: 'en', fallback: true });
    expect(pickText({ ko: '' }, 'ko')).toEqual({ text: '', lang: 'en', fallback: true });
  });

  it('knows Korean first, then English', () => {
    expect(LANGS).toEqual(['ko', 'en']);
  });
});
