/**
 * /admin/calls/new and /admin/calls/:id: the call editor. Basic facts (bilingual title, description
 * and eligibility, programme, window in Seoul time, capacity), the form builder, quotas and PIPA
 * consent items in one form; quick checks before sending, the server's refusals next to their fields
 * and in a summary whose links move focus there. Publishing and closing ask first.
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
import { indexedPath } from '../admin/form-errors';
import { patch, post } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { callFormFromView, callFormToInput, emptyCallForm, fieldId, targetOf, validateCallForm, type CallForm, type Sector } from './call-form';
import { CallNav, CallStatus } from './CallNav';
import { QuestionBuilder } from './QuestionBuilder';
import { ConsentEditor, QuotaEditor } from './QuotaConsentEditors';

export function CallEditorPage() {
  const { id } = useParams();
  return id ? <LoadedEditor id={id} /> : <Editor call={null} />;
}

function LoadedEditor({ id }: { id: string }) {
  const { t } = useTranslation('staffcalls');
  const state = useApiGet<CallViewT>(`/admin/calls/${id}`);
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

/** The words for a field path, so "Required." in the summary says which input it means. */
function useLabelOf() {
  const { t } = useTranslation('staffcalls');
  const bilingual = (label: string, lang: string | undefined) => (lang === 'ko' ? t('admin:common.inKo', { label }) : lang === 'en' ? t('admin:common.inEn', { label }) : label);
  return (path: string): string | undefined => {
    const row = indexedPath(path);
    if (!row) {
      const [field, lang] = path.split('.') as [string, string | undefined];
      const keys: Record<string, string> = { title: 'fields.title', description: 'fields.description', eligibility: 'fields.eligibility', programme: 'fields.programme', opensAt: 'fields.opensAt', closesAt: 'fields.closesAt', capacity: 'fields.capacity', quotas: 'quotas.heading', consentItems: 'consent.heading', questions: 'builder.heading' };
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
}

function Editor({ call: initial }: { call: CallViewT | null }) {
  const { t, i18n } = useTranslation('staffcalls');
  const localized = useLocalized();
  const navigate = useNavigate();
  const location = useLocation();
  const [call, setCall] = useState<CallViewT | null>(initial);
  const [form, setForm] = useState<CallForm>(() => (initial ? callFormFromView(initial) : emptyCallForm()));
  const [status, setStatus] = useState(() => ((location.state as LocationState | null)?.created ? t('editor.created') : ''));
  const [confirming, setConfirming] = useState<'publish' | 'close' | null>(null);
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const focus = useFocusAfterRender();
  const labelOf = useLabelOf();

  const heading = call ? t('editor.editHeadingOf', { title: localized(call.title).text }) : t('editor.newHeading');
  usePageTitle(heading);

  const savedInput = useMemo(() => (call ? JSON.stringify(callFormToInput(callFormFromView(call))) : null), [call]);
  const dirty = savedInput !== JSON.stringify(callFormToInput(form));

  const ko = i18n.getFixedT('ko', 'staffcalls');
  const en = i18n.getFixedT('en', 'staffcalls');
  const sectorLabel = (s: Sector) => ({ ko: ko(`sectors.${s}`), en: en(`sectors.${s}`) });

  const set = (next: Partial<CallForm>) => setForm((f) => ({ ...f, ...next }));

  const save = async () => {
    setStatus('');
    await dialog.submit(validateCallForm(form), async () => {
      const body = callFormToInput(form);
      if (call) {
        const saved = await patch<CallViewT>(`/admin/calls/${call.id}`, body);
        setCall(saved);
        setStatus(t('editor.saved'));
      } else {
        const saved = await post<CallViewT>('/admin/calls', body);
        void navigate(`/admin/calls/${saved.id}`, { replace: true, state: { created: true } satisfies LocationState });
      }
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
  const closed = call?.status === 'closed';

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
      <Box
        component="form"
        noValidate
        aria-label={heading}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xl">
          <ErrorSummary ref={dialog.summaryRef} title={dialog.summary} items={items} />
          <section aria-labelledby="general-heading">
            <Stack gap="sm">
              <Title order={2} id="general-heading">
                {t('editor.general')}
              </Title>
              <LocalizedInputs id={fieldId('title')} label={t('fields.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko: k, en: e }) => set({ titleKo: k, titleEn: e })} errors={errors} requiredKo />
              <LocalizedInputs id={fieldId('description')} label={t('fields.description')} path="description" ko={form.descriptionKo} en={form.descriptionEn} onChange={({ ko: k, en: e }) => set({ descriptionKo: k, descriptionEn: e })} errors={errors} requiredKo multiline />
              <LocalizedInputs id={fieldId('eligibility')} label={t('fields.eligibility')} path="eligibility" ko={form.eligibilityKo} en={form.eligibilityEn} onChange={({ ko: k, en: e }) => set({ eligibilityKo: k, eligibilityEn: e })} errors={errors} multiline />
              <TextInput id={fieldId('programme')} label={t('fields.programme')} description={t('fields.programmeHelp')} value={form.programme} onChange={(e) => set({ programme: e.currentTarget.value })} error={errors.programme} required />
              <Group gap="sm" align="flex-start" wrap="wrap">
                <TextInput id={fieldId('opensAt')} type="datetime-local" label={t('fields.opensAt')} description={t('fields.seoulHelp')} value={form.opensAt} onChange={(e) => set({ opensAt: e.currentTarget.value })} error={errors.opensAt} required miw={260} />
                <TextInput id={fieldId('closesAt')} type="datetime-local" label={t('fields.closesAt')} description={t('fields.seoulHelp')} value={form.closesAt} onChange={(e) => set({ closesAt: e.currentTarget.value })} error={errors.closesAt} required miw={260} />
                <TextInput id={fieldId('capacity')} label={t('fields.capacity')} description={t('fields.capacityHelp')} value={form.capacity} onChange={(e) => set({ capacity: e.currentTarget.value })} error={errors.capacity} required inputMode="numeric" maw={200} />
              </Group>
            </Stack>
          </section>
          <QuestionBuilder questions={form.questions} onChange={(questions) => set({ questions })} errors={errors} focus={focus} sectorLabel={sectorLabel} />
          <QuotaEditor quotas={form.quotas} questions={form.questions} onChange={(quotas) => set({ quotas })} errors={errors} focus={focus} />
          <ConsentEditor items={form.consentItems} onChange={(consentItems) => set({ consentItems })} errors={errors} focus={focus} />
          <Group>
            <Button type="submit" loading={dialog.busy} disabled={closed}>
              {call ? t('editor.save') : t('editor.create')}
            </Button>
            {call && dirty && <Text size="sm">{t('editor.unsaved')}</Text>}
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
