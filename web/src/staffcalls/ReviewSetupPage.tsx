/**
 * /admin/calls/:id/review: how the call is reviewed. The rubric (weighted bilingual criteria on an
 * integer scale), reviews per application and blind review; the reviewers invited by e-mail with the
 * profile that feeds conflicts and affinity (organisation, sectors, topics, expertise, load), and an
 * unanswered invitation re-sent with a new link; and the conflicts of interest found or declared.
 * Each part loads and saves on its own.
 */
import { Button, Fieldset, Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import type { ConflictListT, ReviewSettingsViewT } from '../../../src/shared/contracts/review';
import { usePageTitle } from '../app/usePageTitle';
import { useDialogSubmit } from '../admin/components/DialogForm';
import { LocalizedInputs } from '../admin/components/LocalizedInputs';
import { StatusMessage } from '../admin/components/StatusMessage';
import { indexedPath } from '../admin/form-errors';
import { put } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLang, useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { fieldId, moveItem, targetOf } from './call-form';
import { CallNav } from './CallNav';
import { ReviewersSection } from './ReviewersSection';
import {
  emptyCriterion,
  settingsFormFromView,
  settingsFormToInput,
  validateSettingsForm,
  weightShares,
  type SettingsForm,
} from './review-form';

const ADD_CRITERION_ID = 'criterion-add';

/** Moves focus to an element once the render that adds (or keeps) it is on screen. */
function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return (id) => setTarget({ id });
}

export function ReviewSetupPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staffcalls');
  const localized = useLocalized();
  const call = useApiGet<CallViewT>(`/admin/calls/${id}`);
  const heading = call.data ? t('review.headingOf', { title: localized(call.data.title).text }) : t('review.heading');
  usePageTitle(heading);
  const [status, setStatus] = useState('');
  const [conflictsVersion, setConflictsVersion] = useState(0);
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{heading}</Title>
        <CallNav callId={id} />
        <StatusMessage message={status} />
      </Stack>
      <SettingsSection callId={id} onSaved={setStatus} />
      <ReviewersSection
        callId={id}
        onChanged={(message) => {
          setStatus(message);
          setConflictsVersion((n) => n + 1);
        }}
      />
      <ConflictsSection callId={id} version={conflictsVersion} />
    </Stack>
  );
}

// ---------- rubric and settings ----------

function useSettingsLabelOf() {
  const { t } = useTranslation('staffcalls');
  const bilingual = (label: string, lang: string | undefined) => (lang === 'ko' ? t('admin:common.inKo', { label }) : lang === 'en' ? t('admin:common.inEn', { label }) : label);
  return (path: string): string | undefined => {
    const keys: Record<string, string> = { reviewsPerApplication: 'review.k', blindReview: 'review.blind', 'rubric.scaleMin': 'review.scaleMin', 'rubric.scaleMax': 'review.scaleMax', 'rubric.criteria': 'review.criteria', rubric: 'review.rubricHeading' };
    if (keys[path]) return t(keys[path]);
    const row = indexedPath(path.replace(/^rubric\./, ''));
    if (row?.list !== 'criteria') return undefined;
    const [part = '', lang] = row.rest.split('.');
    const parts: Record<string, string> = { key: 'review.criterionKey', label: 'review.criterionLabel', description: 'review.criterionDescription', weight: 'review.criterionWeight', '': 'review.criterionLegend' };
    return parts[part] ? bilingual(t(parts[part], { n: row.index + 1 }), lang) : undefined;
  };
}

function SettingsSection({ callId, onSaved }: { callId: string; onSaved: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const state = useApiGet<ReviewSettingsViewT>(`/admin/calls/${callId}/review-settings`);
  return (
    <section aria-labelledby="rubric-heading">
      <Stack gap="sm">
        <Title order={2} id="rubric-heading">
          {t('review.rubricHeading')}
        </Title>
        <LoadState state={state}>{(view) => <SettingsEditor key={view.callId} callId={callId} view={view} onSaved={onSaved} />}</LoadState>
      </Stack>
    </section>
  );
}

function SettingsEditor({ callId, view, onSaved }: { callId: string; view: ReviewSettingsViewT; onSaved: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const [saved, setSaved] = useState(view);
  const [form, setForm] = useState<SettingsForm>(() => settingsFormFromView(view));
  const submit = useDialogSubmit();
  const { errors } = submit;
  const focus = useFocusAfterRender();
  const labelOf = useSettingsLabelOf();
  const set = (next: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...next }));
  const setCriterion = (i: number, next: Partial<SettingsForm['criteria'][number]>) => set({ criteria: form.criteria.map((c, j) => (j === i ? { ...c, ...next } : c)) });
  const shares = weightShares(form.criteria);
  const frozen = saved.reviewsStarted > 0;

  const save = () =>
    submit.submit(validateSettingsForm(form), async () => {
      const next = await put<ReviewSettingsViewT>(`/admin/calls/${callId}/review-settings`, settingsFormToInput(form));
      setSaved(next);
      onSaved(t('review.settingsSaved'));
    });

  const items = Object.entries(errors).map(([path, message]) => {
    const label = labelOf(path);
    return { text: label ? t('admin:errors.item', { label, message }) : message, target: targetOf(path) };
  });

  return (
    <form
      noValidate
      aria-labelledby="rubric-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md">
        <ErrorSummary ref={submit.summaryRef} title={submit.summary} items={items} />
        <Text>{t('review.rubricIntro')}</Text>
        {frozen && <Text fw={700}>{t('review.frozen', { count: saved.reviewsStarted })}</Text>}
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput id={fieldId('reviewsPerApplication')} label={t('review.k')} description={t('review.kHelp')} value={form.reviewsPerApplication} onChange={(e) => set({ reviewsPerApplication: e.currentTarget.value })} error={errors.reviewsPerApplication} required inputMode="numeric" maw={220} />
          <TextInput id={fieldId('rubric.scaleMin')} label={t('review.scaleMin')} value={form.scaleMin} onChange={(e) => set({ scaleMin: e.currentTarget.value })} error={errors['rubric.scaleMin']} inputMode="numeric" maw={160} />
          <TextInput id={fieldId('rubric.scaleMax')} label={t('review.scaleMax')} value={form.scaleMax} onChange={(e) => set({ scaleMax: e.currentTarget.value })} error={errors['rubric.scaleMax']} inputMode="numeric" maw={160} />
        </Group>
        <Switch id={fieldId('blindReview')} label={t('review.blind')} description={t('review.blindHelp')} checked={form.blindReview} onChange={(e) => set({ blindReview: e.currentTarget.checked })} error={errors.blindReview} />
        <Title order={3} size="h4">
          {t('review.criteria')}
        </Title>
        {errors['rubric.criteria'] && <Text c="red.9">{errors['rubric.criteria']}</Text>}
        {form.criteria.length === 0 && <Text>{t('review.noCriteria')}</Text>}
        {form.criteria.map((c, i) => {
          const n = i + 1;
          const at = `rubric.criteria.${i}`;
          const idOf = (part: string) => `criterion-${part}-${c.rowKey}`;
          const name = t('review.criterionLegend', { n });
          return (
            <Fieldset key={c.rowKey} legend={name}>
              <Stack gap="sm">
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <TextInput id={fieldId(`${at}.key`)} label={t('review.criterionKey', { n })} description={t('builder.keyHelp')} value={c.key} onChange={(e) => setCriterion(i, { key: e.currentTarget.value })} error={errors[`${at}.key`]} required maw={280} />
                  <TextInput
                    id={fieldId(`${at}.weight`)}
                    label={t('review.criterionWeight', { n })}
                    description={shares[i] !== null && shares[i] !== undefined ? t('review.share', { share: shares[i] }) : t('review.weightHelp')}
                    value={c.weight}
                    onChange={(e) => setCriterion(i, { weight: e.currentTarget.value })}
                    error={errors[`${at}.weight`]}
                    required
                    inputMode="decimal"
                    maw={200}
                  />
                </Group>
                <LocalizedInputs id={fieldId(`${at}.label`)} label={t('review.criterionLabel', { n })} path={`${at}.label`} ko={c.labelKo} en={c.labelEn} onChange={({ ko, en }) => setCriterion(i, { labelKo: ko, labelEn: en })} errors={errors} requiredKo />
                <LocalizedInputs id={fieldId(`${at}.description`)} label={t('review.criterionDescription', { n })} path={`${at}.description`} ko={c.descriptionKo} en={c.descriptionEn} onChange={({ ko, en }) => setCriterion(i, { descriptionKo: ko, descriptionEn: en })} errors={errors} multiline />
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    id={idOf('up')}
                    disabled={i === 0}
                    onClick={() => {
                      set({ criteria: moveItem(form.criteria, i, -1) });
                      focus(i - 1 === 0 ? idOf('down') : idOf('up'));
                    }}
                  >
                    {t('builder.moveUp', { name })}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    id={idOf('down')}
                    disabled={i === form.criteria.length - 1}
                    onClick={() => {
                      set({ criteria: moveItem(form.criteria, i, 1) });
                      focus(i + 1 === form.criteria.length - 1 ? idOf('up') : idOf('down'));
                    }}
                  >
                    {t('builder.moveDown', { name })}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => {
                      set({ criteria: form.criteria.filter((_, j) => j !== i) });
                      focus(ADD_CRITERION_ID);
                    }}
                  >
                    {t('builder.removeItem', { name })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            id={ADD_CRITERION_ID}
            variant="default"
            onClick={() => {
              set({ criteria: [...form.criteria, emptyCriterion(form.criteria.map((c) => c.key))] });
              focus(fieldId(`rubric.criteria.${form.criteria.length}.label`));
            }}
          >
            {t('review.addCriterion')}
          </Button>
        </Group>
        <Group>
          <Button type="submit" loading={submit.busy}>
            {t('review.saveSettings')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---------- conflicts ----------

function ConflictsSection({ callId, version }: { callId: string; version: number }) {
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const state = useApiGet<ConflictListT>(`/admin/calls/${callId}/conflicts`, [version]);
  return (
    <section aria-labelledby="conflicts-heading">
      <Stack gap="sm">
        <Title order={2} id="conflicts-heading">
          {t('conflicts.heading')}
        </Title>
        <Text>{t('conflicts.intro')}</Text>
        <LoadState state={state}>
          {({ conflicts }) =>
            conflicts.length === 0 ? (
              <Text>{t('conflicts.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table withTableBorder verticalSpacing="xs" data-testid="conflicts-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('conflicts.applicant')}</Table.Th>
                      <Table.Th scope="col">{t('reviewers.reviewer')}</Table.Th>
                      <Table.Th scope="col">{t('conflicts.reasons')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {conflicts.map((c) => (
                      <Table.Tr key={`${c.applicationId}-${c.reviewerId}`}>
                        <Table.Th scope="row" fw={400}>
                          {c.applicantName}
                        </Table.Th>
                        <Table.Td>{c.reviewerName ? `${c.reviewerName} (${c.reviewerEmail})` : c.reviewerEmail}</Table.Td>
                        <Table.Td>{c.text[lang]}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </LoadState>
      </Stack>
    </section>
  );
}

