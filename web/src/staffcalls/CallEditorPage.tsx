/**
 * /admin/calls/new and /admin/calls/:id: the call editor, in steps (call-steps.ts): basics
 * (bilingual title, description, eligibility, programme name), dates and places (window in Seoul
 * time, capacity), form questions, consent items, quotas, the cohort the call fills with the
 * waitlist size, and a review. "Save and continue" checks the step, saves only its fields and moves
 * on; the server's refusals open the step of their field and sit next to it and in a summary whose
 * links move focus there. A new call is created when its dates are saved. Moving between steps by
 * the step list keeps what was typed. Publishing and closing ask first.
 */
import { Box, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { ConfirmDialog } from '../admin/components/ConfirmDialog';
import { LocalizedInputs } from '../admin/components/LocalizedInputs';
import { useDialogSubmit } from '../admin/components/DialogForm';
import { StatusMessage } from '../admin/components/StatusMessage';
import { patch, post } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { callFormFromView, callFormToInput, emptyCallForm, fieldId, targetOf, validateCallForm, type CallForm, type Sector } from './call-form';
import { withDerivedKeys } from './call-keys';
import { useLabelOf } from './call-labels';
import { issuesOf, mergeSaved, stepBody, stepDirty, stepOf, STEPS, type Step } from './call-steps';
import { CallNav, CallStatus } from './CallNav';
import { CohortStep, ReviewStep, StepHeading, stepHeadingId, StepNav } from './CallSteps';
import { QuestionBuilder } from './QuestionBuilder';
import { ConsentEditor, QuotaEditor } from './QuotaConsentEditors';

export function CallEditorPage() {
  const { id } = useParams();
  return id ? <LoadedEditor id={id} /> : <Editor call={null} />;
}

function LoadedEditor({ id }: { id: string }) {
  const { t } = useTranslation('staffcalls');
  // A call just created arrives with the navigation, so its editor opens at once on the next step.
  // Kept from the first render: the editor then drops it from the history entry (see Editor).
  const location = useLocation();
  const [arrived] = useState(() => (location.state as LocationState | null)?.call);
  const state = useApiGet<CallViewT>(`/admin/calls/${id}`);
  if (arrived && arrived.id === id) return <Editor key={arrived.id} call={arrived} />;
  if (state.data && state.data.id === id) return <Editor key={state.data.id} call={state.data} />;
  return (
    <Stack>
      <PageTitle text={t('editor.editHeading')} />
      <LoadState state={state}>{() => null}</LoadState>
    </Stack>
  );
}

function PageTitle({ text }: { text: string }) {
  usePageTitle(text);
  return <Title order={1}>{text}</Title>;
}

/** Moves focus to an element once the render that adds (or keeps) it is on screen. */
function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!target) return;
    document.getElementById(target.id)?.focus();
  }, [target]);
  return (id) => setTarget({ id });
}

interface LocationState {
  created?: boolean;
  step?: Step;
  call?: CallViewT;
}

function Editor({ call: initial }: { call: CallViewT | null }) {
  const { t, i18n } = useTranslation('staffcalls');
  const localized = useLocalized();
  const navigate = useNavigate();
  const location = useLocation();
  const arrived = location.state as LocationState | null;
  const [call, setCall] = useState<CallViewT | null>(initial);
  const [form, setForm] = useState<CallForm>(() => (initial ? callFormFromView(initial) : emptyCallForm()));
  const [step, setStep] = useState<Step>(() => arrived?.step ?? 'basics');
  const [status, setStatus] = useState(() => (arrived?.created ? t('editor.created') : ''));
  const [confirming, setConfirming] = useState<'publish' | 'close' | null>(null);
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const focus = useFocusAfterRender();
  const labelOf = useLabelOf();
  const [stepFocus, setStepFocus] = useState(0);
  // What came with the navigation is used once: a reload of this page reads the call afresh.
  useEffect(() => {
    if (arrived) void navigate(location.pathname, { replace: true, state: null });
  }, []);

  const heading = call ? t('editor.editHeadingOf', { title: localized(call.title).text }) : t('editor.newHeading');
  usePageTitle(heading);

  const saved = useMemo(() => (call ? callFormToInput(callFormFromView(call)) : null), [call]);
  const input = callFormToInput(form);
  const dirty = saved !== null && JSON.stringify(saved) !== JSON.stringify(input);

  const ko = i18n.getFixedT('ko', 'staffcalls');
  const en = i18n.getFixedT('en', 'staffcalls');
  const sectorLabel = (s: Sector) => ({ ko: ko(`sectors.${s}`), en: en(`sectors.${s}`) });

  // Keys of new questions and options follow their labels (call-keys.ts); there is no key field.
  const set = (next: Partial<CallForm>) => setForm((f) => withDerivedKeys({ ...f, ...next }));

  // A refusal opens the step of its first field, where the message stands next to the input.
  const errorPaths = Object.keys(errors);
  const errorKey = errorPaths.join('|');
  useEffect(() => {
    const paths = errorKey === '' ? [] : errorKey.split('|');
    if (paths.length > 0) setStep((s) => (paths.some((p) => stepOf(p) === s) ? s : stepOf(paths[0]!)));
  }, [errorKey]);
  useEffect(() => {
    if (stepFocus > 0) document.getElementById(stepHeadingId(step))?.focus();
  }, [stepFocus, step]);

  const go = (next: Step) => {
    setStep(next);
    setStepFocus((n) => n + 1);
  };
  const nextStep = STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!;
  const closed = call?.status === 'closed';
  // After closing, only the cohort and the waitlist may change (until the selection is final).
  const canSave = !closed || step === 'cohort';

  /** Checks this step, saves its fields (a new call: created with its dates) and moves on. */
  const saveStep = async () => {
    setStatus('');
    const passed = STEPS.slice(0, STEPS.indexOf(step) + 1);
    const issues = validateCallForm(form);
    if (!call && STEPS.indexOf(step) < STEPS.indexOf('dates')) {
      await dialog.submit(issuesOf(issues, [step]), () => Promise.resolve(go(nextStep)));
      return;
    }
    await dialog.submit(issuesOf(issues, call ? [step] : passed), async () => {
      if (!call) {
        const created = await post<CallViewT>('/admin/calls', input);
        void navigate(`/admin/calls/${created.id}`, { replace: true, state: { created: true, step: nextStep, call: created } satisfies LocationState });
        return;
      }
      if (canSave && stepDirty(step, input, saved)) {
        const next = await patch<CallViewT>(`/admin/calls/${call.id}`, stepBody(step, input));
        setCall(next);
        setForm((f) => mergeSaved(step, f, callFormFromView(next)));
        setStatus(t('editor.savedStep', { step: t(`steps.${step}`) }));
      }
      go(nextStep);
    });
  };

  const transition = async (kind: 'publish' | 'close') => {
    if (!call) return;
    const next = await post<CallViewT>(`/admin/calls/${call.id}/${kind}`);
    setCall(next);
    setConfirming(null);
    setStatus(t(kind === 'publish' ? 'editor.published' : 'editor.closed'));
  };

  const items = Object.entries(errors).map(([path, message]) => {
    const label = labelOf(path);
    return { text: label ? t('admin:errors.item', { label, message }) : message, target: targetOf(path) };
  });
  const failedSteps = new Set(errorPaths.map(stepOf));
  const primary = !call && step === 'dates' ? t('editor.create') : !call && step === 'basics' ? t('steps.next') : canSave ? t('steps.saveNext') : t('steps.next');

  return (
    <Stack>
      <Title order={1}>{heading}</Title>
      {call && (
        <>
          <Group gap="sm">
            <Text fw={700}>{t('fields.status')}</Text>
            <CallStatus status={call.status} />
          </Group>
          <CallNav callId={call.id} />
        </>
      )}
      <StatusMessage message={status} />
      {call && (
        <Group gap="sm">
          {call.status === 'draft' && <Button onClick={() => setConfirming('publish')}>{t('editor.publish')}</Button>}
          {call.status === 'published' && (
            <Button variant="outline" color="red.9" onClick={() => setConfirming('close')}>
              {t('editor.close')}
            </Button>
          )}
        </Group>
      )}
      {call?.status === 'published' && <Text>{t('editor.publishedNote')}</Text>}
      {closed && <Text>{t('editor.closedNote')}</Text>}
      <StepNav active={step} onGo={go} failed={(s) => failedSteps.has(s)} unsaved={(s) => call !== null && s !== 'review' && stepDirty(s, input, saved)} />
      <Box
        component="form"
        noValidate
        aria-labelledby={stepHeadingId(step)}
        onSubmit={(e) => {
          e.preventDefault();
          void saveStep();
        }}
      >
        <Stack gap="lg">
          <ErrorSummary ref={dialog.summaryRef} title={dialog.summary} items={items} />
          <StepHeading step={step} />
          {step === 'basics' && (
            <Stack gap="sm">
              <LocalizedInputs id={fieldId('title')} label={t('fields.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko: k, en: e }) => set({ titleKo: k, titleEn: e })} errors={errors} requiredKo />
              <LocalizedInputs id={fieldId('description')} label={t('fields.description')} path="description" ko={form.descriptionKo} en={form.descriptionEn} onChange={({ ko: k, en: e }) => set({ descriptionKo: k, descriptionEn: e })} errors={errors} requiredKo multiline />
              <LocalizedInputs id={fieldId('eligibility')} label={t('fields.eligibility')} path="eligibility" ko={form.eligibilityKo} en={form.eligibilityEn} onChange={({ ko: k, en: e }) => set({ eligibilityKo: k, eligibilityEn: e })} errors={errors} multiline />
              <TextInput id={fieldId('programme')} label={t('fields.programme')} description={t('fields.programmeHelp')} value={form.programme} onChange={(e) => set({ programme: e.currentTarget.value })} error={errors.programme} required />
            </Stack>
          )}
          {step === 'dates' && (
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput id={fieldId('opensAt')} type="datetime-local" label={t('fields.opensAt')} description={t('fields.seoulHelp')} value={form.opensAt} onChange={(e) => set({ opensAt: e.currentTarget.value })} error={errors.opensAt} required miw={260} />
              <TextInput id={fieldId('closesAt')} type="datetime-local" label={t('fields.closesAt')} description={t('fields.seoulHelp')} value={form.closesAt} onChange={(e) => set({ closesAt: e.currentTarget.value })} error={errors.closesAt} required miw={260} />
              <TextInput id={fieldId('capacity')} label={t('fields.capacity')} description={t('fields.capacityHelp')} value={form.capacity} onChange={(e) => set({ capacity: e.currentTarget.value })} error={errors.capacity} required inputMode="numeric" maw={200} />
            </Group>
          )}
          {step === 'questions' && <QuestionBuilder questions={form.questions} onChange={(questions) => set({ questions })} errors={errors} focus={focus} sectorLabel={sectorLabel} />}
          {step === 'consent' && <ConsentEditor items={form.consentItems} onChange={(consentItems) => set({ consentItems })} errors={errors} focus={focus} />}
          {step === 'quotas' && <QuotaEditor quotas={form.quotas} questions={form.questions} onChange={(quotas) => set({ quotas })} errors={errors} focus={focus} />}
          {step === 'cohort' && <CohortStep form={form} set={set} errors={errors} callId={call?.id ?? null} />}
          {step === 'review' && <ReviewStep form={form} call={call} onGo={go} />}
          <Group>
            {step !== 'basics' && (
              <Button variant="default" onClick={() => go(STEPS[STEPS.indexOf(step) - 1]!)}>
                {t('steps.back')}
              </Button>
            )}
            {step !== 'review' && (
              <Button type="submit" loading={dialog.busy}>
                {primary}
              </Button>
            )}
            {dirty && <Text size="sm">{t('editor.unsaved')}</Text>}
          </Group>
        </Stack>
      </Box>
      <ConfirmDialog
        danger={false}
        opened={confirming !== null}
        title={confirming === 'close' ? t('editor.closeConfirmTitle') : t('editor.publishConfirmTitle')}
        confirmLabel={confirming === 'close' ? t('editor.close') : t('editor.publish')}
        onConfirm={() => transition(confirming ?? 'publish')}
        onClose={() => setConfirming(null)}
      >
        {confirming === 'close' ? t('editor.closeConfirmBody') : t('editor.publishConfirmBody')}
        {dirty && <Text mt="sm">{t('editor.unsavedNotPublished')}</Text>}
      </ConfirmDialog>
    </Stack>
  );
}
