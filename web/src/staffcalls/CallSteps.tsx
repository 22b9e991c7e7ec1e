/**
 * Parts of the call editor's steps: the step list (an ordered list of buttons, the current one
 * marked aria-current="step", so Tab and Enter move between steps), the cohort-and-waitlist step
 * (the cohorts staff may fill, with their dates and places) and the review step (what the call
 * holds, each part with a button back to its step).
 */
import { Button, Group, NativeSelect, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CohortListT } from '../../../src/shared/contracts/courses';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import type { FieldMessages } from '../admin/form-errors';
import { formatDayRange, formatNumber, formatRange } from '../lib/format';
import { LoadState } from '../lib/LoadState';
import { useLang, useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { fieldId, type CallForm } from './call-form';
import { fromSeoulInput } from './seoul-time';
import { STEPS, type Step } from './call-steps';

export const stepHeadingId = (step: Step) => `step-${step}-heading`;

export function StepNav({ active, unsaved, failed, onGo }: { active: Step; unsaved: (s: Step) => boolean; failed: (s: Step) => boolean; onGo: (s: Step) => void }) {
  const { t } = useTranslation('staffcalls');
  return (
    <nav aria-label={t('steps.nav')}>
      <ol className="oc-call-steps">
        {STEPS.map((s, i) => {
          const current = s === active;
          const notes = [failed(s) ? t('steps.hasErrors') : null, unsaved(s) ? t('steps.unsaved') : null].filter(Boolean).join(', ');
          return (
            <li key={s}>
              <Button variant={current ? 'filled' : 'default'} size="sm" aria-current={current ? 'step' : undefined} onClick={() => onGo(s)} id={`step-button-${s}`}>
                {t('steps.label', { n: i + 1, name: t(`steps.${s}`) })}
                {notes && <VisuallyHidden>{` (${notes})`}</VisuallyHidden>}
                {notes && <span aria-hidden="true">{failed(s) ? ' ⚠' : ' •'}</span>}
              </Button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function StepHeading({ step }: { step: Step }) {
  const { t } = useTranslation('staffcalls');
  const n = STEPS.indexOf(step) + 1;
  return (
    <Stack gap={2}>
      <Text size="sm">{t('steps.stepOf', { n, count: STEPS.length })}</Text>
      {/* Focus comes here when the step changes, so a screen reader starts at the step's name. */}
      <Title order={2} id={stepHeadingId(step)} tabIndex={-1}>
        {t(`steps.${step}`)}
      </Title>
    </Stack>
  );
}

export function CohortStep({ form, set, errors, callId }: { form: CallForm; set: (next: Partial<CallForm>) => void; errors: FieldMessages; callId: string | null }) {
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const localized = useLocalized();
  const state = useApiGet<CohortListT>('/admin/cohorts');
  return (
    <Stack gap="sm">
      <Text>{t('cohort.intro')}</Text>
      <LoadState state={state}>
        {(data) => {
          const selectable = data.cohorts.filter((c) => c.enrolmentMode === 'selection');
          const options = selectable.map((c) => {
            const facts = t('cohort.facts', { dates: formatDayRange(c.startsOn, c.endsOn, lang), place: localized(c.place).text, capacity: formatNumber(c.capacity, lang) });
            const taken = c.callId !== null && c.callId !== callId;
            return { value: c.id, label: t(taken ? 'cohort.optionTaken' : 'cohort.option', { title: localized(c.title).text, facts }), disabled: taken };
          });
          return (
            <>
              {selectable.length === 0 && <Text>{t('cohort.noCohorts')}</Text>}
              <NativeSelect
                id={fieldId('cohortId')}
                label={t('cohort.label')}
                description={t('cohort.help')}
                value={form.cohortId}
                onChange={(e) => set({ cohortId: e.currentTarget.value })}
                data={[{ value: '', label: t('cohort.none') }, ...options]}
                error={errors.cohortId}
              />
            </>
          );
        }}
      </LoadState>
      <TextInput
        id={fieldId('waitlistSize')}
        label={t('cohort.waitlist')}
        description={t('cohort.waitlistHelp')}
        value={form.waitlistSize}
        onChange={(e) => set({ waitlistSize: e.currentTarget.value })}
        error={errors.waitlistSize}
        inputMode="numeric"
        maw={320}
      />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function ReviewStep({ form, call, onGo }: { form: CallForm; call: CallViewT | null; onGo: (s: Step) => void }) {
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const localized = useLocalized();
  const cohorts = useApiGet<CohortListT>('/admin/cohorts');
  const opens = fromSeoulInput(form.opensAt);
  const closes = fromSeoulInput(form.closesAt);
  const cohort = cohorts.data?.cohorts.find((c) => c.id === form.cohortId);
  const title = lang === 'en' && form.titleEn.trim() ? form.titleEn : form.titleKo;
  const parts: { step: Step; facts: [string, string][] }[] = [
    { step: 'basics', facts: [[t('fields.title'), title || t('summary.missing')], [t('fields.programme'), form.programme || t('summary.missing')]] },
    { step: 'dates', facts: [[t('fields.window'), opens && closes ? formatRange(opens, closes, lang) : t('summary.missing')], [t('fields.capacity'), form.capacity || t('summary.missing')]] },
    { step: 'questions', facts: [[t('summary.questions'), formatNumber(form.questions.length, lang)]] },
    { step: 'consent', facts: [[t('summary.consentItems'), formatNumber(form.consentItems.length, lang)]] },
    { step: 'quotas', facts: [[t('summary.quotas'), formatNumber(form.quotas.length, lang)]] },
    {
      step: 'cohort',
      facts: [
        [t('cohort.label'), cohort ? localized(cohort.title).text : t('cohort.none')],
        [t('cohort.waitlist'), form.waitlistSize.trim() === '' ? t('summary.waitlistAll') : form.waitlistSize],
      ],
    },
  ];
  return (
    <Stack gap="sm">
      <Text>{call ? t('summary.intro') : t('summary.introNew')}</Text>
      {parts.map((p) => (
        <section key={p.step} aria-labelledby={`review-${p.step}`}>
          <Group justify="space-between" align="baseline">
            <Title order={3} id={`review-${p.step}`}>
              {t(`steps.${p.step}`)}
            </Title>
            <Button size="xs" variant="default" onClick={() => onGo(p.step)}>
              {t('summary.edit', { step: t(`steps.${p.step}`) })}
            </Button>
          </Group>
          <dl className="oc-call-review">
            {p.facts.map(([label, value]) => (
              <Fact key={label} label={label} value={value} />
            ))}
          </dl>
        </section>
      ))}
    </Stack>
  );
}
