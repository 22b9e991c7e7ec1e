/** Names of the call editor's field paths, so "Required." in the error summary says which input it means. */
import { useTranslation } from 'react-i18next';
import { indexedPath } from '../admin/form-errors';

/** The words for a field path, so "Required." in the summary says which input it means. */
export function useLabelOf() {
  const { t } = useTranslation('staffcalls');
  const bilingual = (label: string, lang: string | undefined) => (lang === 'ko' ? t('admin:common.inKo', { label }) : lang === 'en' ? t('admin:common.inEn', { label }) : label);
  return (path: string): string | undefined => {
    const row = indexedPath(path);
    if (!row) {
      const [field, lang] = path.split('.') as [string, string | undefined];
      const keys: Record<string, string> = { title: 'fields.title', description: 'fields.description', eligibility: 'fields.eligibility', programme: 'fields.programme', cohortId: 'cohort.label', waitlistSize: 'cohort.waitlist', opensAt: 'fields.opensAt', closesAt: 'fields.closesAt', capacity: 'fields.capacity', quotas: 'quotas.heading', consentItems: 'consent.heading', questions: 'builder.heading' };
      const key = keys[field];
      return key ? bilingual(t(key), lang) : undefined;
    }
    const n = row.index + 1;
    const [part = '', ...rest] = row.rest.split('.');
    if (row.list === 'quotas') {
      const keys: Record<string, string> = { attribute: 'quotas.attribute', value: 'quotas.value', min: 'quotas.min', max: 'quotas.max', '': 'quotas.legend' };
      return keys[part] ? t(keys[part], { n }) : undefined;
    }
    if (row.list === 'consentItems') {
      const keys: Record<string, string> = { key: 'consent.key', required: 'consent.required', purpose: 'consent.purpose', items: 'consent.items', retention: 'consent.retention', refusal: 'consent.refusal', '': 'consent.legend' };
      return keys[part] ? bilingual(t(keys[part], { n }), rest[0]) : undefined;
    }
    if (row.list === 'questions') {
      if (part === 'options' && rest.length >= 2) {
        const m = Number(rest[0]) + 1;
        const key = rest[1] === 'value' ? 'builder.optionValue' : rest[1] === 'label' ? 'builder.optionLabel' : null;
        return key ? bilingual(t(key, { n, m }), rest[2]) : undefined;
      }
      const keys: Record<string, string> = {
        key: 'builder.key',
        type: 'builder.type',
        required: 'builder.required',
        label: 'builder.label',
        help: 'builder.help',
        minLength: 'builder.minLength',
        maxLength: 'builder.maxLength',
        min: 'builder.min',
        max: 'builder.max',
        integer: 'builder.integer',
        minDate: 'builder.minDate',
        maxDate: 'builder.maxDate',
        options: 'builder.options',
        minChoices: 'builder.minChoices',
        maxChoices: 'builder.maxChoices',
        '': 'builder.questionName',
      };
      return keys[part] ? bilingual(t(keys[part], { n }), rest[0]) : undefined;
    }
    return undefined;
  };
}
