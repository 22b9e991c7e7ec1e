/**
 * i18next with the two languages of the campus. Korean is the default; the choice is remembered in
 * the `oc_lang` cookie (read by the server too, so API errors and <html lang> follow it).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAdmin from '../../../locales/en/admin.json';
import enRecruitment from '../../../locales/en/recruitment.json';
import enServer from '../../../locales/en/server.json';
import enStaffCalls from '../../../locales/en/staffcalls.json';
import enSelection from '../../../locales/en/selection.json';
import enReview from '../../../locales/en/review.json';
import enCourses from '../../../locales/en/courses.json';
import enWeb from '../../../locales/en/web.json';
import koAdmin from '../../../locales/ko/admin.json';
import koRecruitment from '../../../locales/ko/recruitment.json';
import koServer from '../../../locales/ko/server.json';
import koStaffCalls from '../../../locales/ko/staffcalls.json';
import koSelection from '../../../locales/ko/selection.json';
import koReview from '../../../locales/ko/review.json';
import koCourses from '../../../locales/ko/courses.json';
import koWeb from '../../../locales/ko/web.json';

export type Lang = 'ko' | 'en';

export function storedLang(): Lang {
  const m = /(?:^|;\s*)oc_lang=(ko|en)/.exec(document.cookie);
  return (m?.[1] as Lang | undefined) ?? 'ko';
}

export function setLang(lang: Lang): void {
  document.cookie = `oc_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: {
    ko: { web: koWeb, admin: koAdmin, recruitment: koRecruitment, server: koServer, staffcalls: koStaffCalls, selection: koSelection, review: koReview, courses: koCourses },
    en: { web: enWeb, admin: enAdmin, recruitment: enRecruitment, server: enServer, staffcalls: enStaffCalls, selection: enSelection, review: enReview, courses: enCourses },
  },
  lng: storedLang(),
  fallbackLng: 'ko',
  defaultNS: 'web',
  ns: ['web', 'admin', 'recruitment', 'server', 'staffcalls', 'selection', 'review', 'courses'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLang();

export default i18n;
