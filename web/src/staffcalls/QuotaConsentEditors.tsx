/**
 * Quotas (minimum and maximum seats per value of a choice question, e.g. per sector) and the PIPA
 * consent items (PIPA §15②: purpose, items collected, retention, and the right to refuse), each a
 * list of rows with add and remove; focus follows the same rules as the form builder.
 */
import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LocalizedInputs } from '../admin/components/LocalizedInputs';
import type { FieldMessages } from '../admin/form-errors';
import { emptyConsent, emptyQuota, fieldId, isChoice, SECTORS, type ConsentRow, type QuestionRow, type QuotaRow } from './call-form';

export const ADD_QUOTA_ID = 'quota-add';
export const ADD_CONSENT_ID = 'consent-add';

interface QuotaProps {
  quotas: QuotaRow[];
  questions: QuestionRow[];
  onChange: (next: QuotaRow[]) => void;
  errors: FieldMessages;
  focus: (id: string) => void;
}

/** Keeps a value that is not (or no longer) among the choices visible, so nothing changes silently. */
function withCurrent(choices: { value: string; label: string }[], current: string, empty: string): { value: string; label: string }[] {
  const list = [{ value: '', label: empty }, ...choices];
  return current !== '' && !choices.some((c) => c.value === current) ? [...list, { value: current, label: current }] : list;
}

export function QuotaEditor({ quotas, questions, onChange, errors, focus }: QuotaProps) {
  const { t, i18n } = useTranslation('staffcalls');
  // Labels in the reader's language (Korean when there is no English), never the machine key.
  const labelIn = (ko: string, en: string) => (i18n.language === 'en' && en.trim() ? en.trim() : ko.trim());
  const choiceQuestions = questions.filter((q) => isChoice(q.type) && q.key.trim() !== '');
  const set = (i: number, next: Partial<QuotaRow>) => onChange(quotas.map((q, j) => (j === i ? { ...q, ...next } : q)));
  return (
    <section aria-labelledby="quotas-heading">
      <Stack gap="sm">
        <Title order={2} id="quotas-heading">
          {t('quotas.heading')}
        </Title>
        <Text>{t('quotas.intro')}</Text>
        {quotas.length === 0 && <Text>{t('quotas.empty')}</Text>}
        {quotas.map((quota, i) => {
          const n = i + 1;
          const at = `quotas.${i}`;
          const question = choiceQuestions.find((q) => q.key === quota.attribute);
          // The values of the chosen question; before one is chosen, the four sectors of the plan.
          const values = question ? question.options.map((o) => ({ value: o.value, label: labelIn(o.labelKo, o.labelEn) || t('quotas.optionN', { m: question.options.indexOf(o) + 1 }) })) : SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }));
          return (
            <Fieldset key={quota.rowKey} legend={t('quotas.legend', { n })} id={fieldId(at)} tabIndex={-1}>
              <Stack gap="xs">
                {errors[at] && (
                  <Text size="sm" c="red.9">
                    {errors[at]}
                  </Text>
                )}
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <NativeSelect
                    id={fieldId(`${at}.attribute`)}
                    label={t('quotas.attribute', { n })}
                    description={t('quotas.attributeHelp')}
                    value={quota.attribute}
                    onChange={(e) => set(i, { attribute: e.currentTarget.value })}
                    data={withCurrent(
                      choiceQuestions.map((q) => ({ value: q.key, label: labelIn(q.labelKo, q.labelEn) || t('builder.questionName', { n: questions.indexOf(q) + 1 }) })),
                      quota.attribute,
                      t('quotas.choose'),
                    )}
                    error={errors[`${at}.attribute`]}
                    miw={220}
                  />
                  <NativeSelect
                    id={fieldId(`${at}.value`)}
                    label={t('quotas.value', { n })}
                    description={t('quotas.valueHelp')}
                    value={quota.value}
                    onChange={(e) => set(i, { value: e.currentTarget.value })}
                    data={withCurrent(values, quota.value, t('quotas.choose'))}
                    error={errors[`${at}.value`]}
                    miw={220}
                  />
                  <TextInput id={fieldId(`${at}.min`)} label={t('quotas.min', { n })} description={t('quotas.boundHelp')} value={quota.min} onChange={(e) => set(i, { min: e.currentTarget.value })} error={errors[`${at}.min`]} inputMode="numeric" maw={160} />
                  <TextInput id={fieldId(`${at}.max`)} label={t('quotas.max', { n })} description={t('quotas.boundHelp')} value={quota.max} onChange={(e) => set(i, { max: e.currentTarget.value })} error={errors[`${at}.max`]} inputMode="numeric" maw={160} />
                </Group>
                <Group>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => {
                      onChange(quotas.filter((_, j) => j !== i));
                      focus(ADD_QUOTA_ID);
                    }}
                  >
                    {t('quotas.remove', { n })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            id={ADD_QUOTA_ID}
            variant="default"
            onClick={() => {
              onChange([...quotas, emptyQuota()]);
              focus(fieldId(`quotas.${quotas.length}.attribute`));
            }}
          >
            {t('quotas.add')}
          </Button>
        </Group>
      </Stack>
    </section>
  );
}

interface ConsentProps {
  items: ConsentRow[];
  onChange: (next: ConsentRow[]) => void;
  errors: FieldMessages;
  focus: (id: string) => void;
}

export function ConsentEditor({ items, onChange, errors, focus }: ConsentProps) {
  const { t } = useTranslation('staffcalls');
  const set = (i: number, next: Partial<ConsentRow>) => onChange(items.map((c, j) => (j === i ? { ...c, ...next } : c)));
  const parts = ['purpose', 'items', 'retention', 'refusal'] as const;
  return (
    <section aria-labelledby="consent-heading">
      <Stack gap="sm">
        <Title order={2} id="consent-heading">
          {t('consent.heading')}
        </Title>
        <Text>{t('consent.intro')}</Text>
        {items.length === 0 && <Text>{t('consent.empty')}</Text>}
        {items.map((c, i) => {
          const n = i + 1;
          const at = `consentItems.${i}`;
          return (
            <Fieldset key={c.rowKey} legend={t('consent.legend', { n })}>
              <Stack gap="sm">
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <Checkbox id={fieldId(`${at}.required`)} mb={8} label={t('consent.required', { n })} description={t('consent.requiredHelp')} checked={c.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
                </Group>
                {parts.map((part) => (
                  <LocalizedInputs
                    key={part}
                    id={fieldId(`${at}.${part}`)}
                    label={t(`consent.${part}`, { n })}
                    path={`${at}.${part}`}
                    ko={c[`${part}Ko`]}
                    en={c[`${part}En`]}
                    onChange={({ ko, en }) => set(i, { [`${part}Ko`]: ko, [`${part}En`]: en })}
                    errors={errors}
                    requiredKo
                    multiline
                  />
                ))}
                <Group>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => {
                      onChange(items.filter((_, j) => j !== i));
                      focus(ADD_CONSENT_ID);
                    }}
                  >
                    {t('consent.remove', { n })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            id={ADD_CONSENT_ID}
            variant="default"
            onClick={() => {
              onChange([...items, emptyConsent(items.map((x) => x.key))]);
              focus(fieldId(`consentItems.${items.length}.purpose`));
            }}
          >
            {t('consent.add')}
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
