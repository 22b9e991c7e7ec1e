/**
 * The signed-in person's application to one call: answers and consents saved as a draft on their own
 * (1.5 s after the last change, announced politely) or on demand, then submitted; after submitting,
 * editable and withdrawable until the deadline. The server checks everything again.
 */
import { Alert, Button, Checkbox, Fieldset, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyApplicationViewT, PublicCallViewT } from '../../../src/shared/contracts/recruitment';
import { ApiError, get, post, put } from '../lib/api';
import { ErrorSummary, useSubmit, type SummaryItem } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLocText } from '../lib/Localized';
import { formatTime } from '../lib/format';
import { useLang } from '../lib/text';
import { useLoad } from '../lib/useApiGet';
import { answersToSend, seoulTime, type WindowStatus } from './call-status';
import { consentGroups } from './consent';
import { questionInputId, QuestionField, type AnswerValue } from './QuestionField';
import { myFiles, type UploadedFile } from './upload';
import { useSession } from '../lib/session';

const AUTOSAVE_MS = 1500;
const consentInputId = (key: string) => `consent-${key}`;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };

export function ApplicationForm({ call, status }: { call: PublicCallViewT; status: WindowStatus }) {
  const hasFiles = call.questions.some((q) => q.type === 'file');
  const state = useLoad(async () => {
    let app: MyApplicationViewT | null;
    try {
      app = await get<MyApplicationViewT>(`/calls/${call.id}/my-application`);
    } catch (err) {
      // No application yet is the usual start, not an error.
      if (err instanceof ApiError && err.status === 404) return { app: null, files: [] };
      throw err;
    }
    return { app, files: hasFiles ? await myFiles(call.id) : [] };
  }, [call.id]);
  return <LoadState state={state}>{({ app, files }) => <Editor call={call} status={status} initial={app} initialFiles={files} />}</LoadState>;
}

function Editor({ call, status, initial, initialFiles }: { call: PublicCallViewT; status: WindowStatus; initial: MyApplicationViewT | null; initialFiles: UploadedFile[] }) {
  const { t } = useTranslation('recruitment');
  const lang = useLang();
  const locText = useLocText();
  const [app, setApp] = useState(initial);
  // The menu's "my applications" link follows the person's applications.
  const { refreshOverview } = useSession();
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(initial?.answers ?? {});
  const [consents, setConsents] = useState<Record<string, boolean>>(Object.fromEntries((initial?.consents ?? []).map((c) => [c.key, c.granted])));
  const [changes, setChanges] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  // Names and sizes of the application's files, by file id.
  const [fileMeta, setFileMeta] = useState<Record<string, UploadedFile>>(() => Object.fromEntries(initialFiles.map((f) => [f.id, f])));
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | undefined>();
  const submit = useSubmit();
  const summaryRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ answers, consents, submitted: app?.status === 'submitted' });
  latest.current = { answers, consents, submitted: app?.status === 'submitted' };
  // Saves run one after another, so an autosave and a submit never race each other.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const open = status === 'open';

  const save = (): Promise<MyApplicationViewT> => {
    const run = chain.current.then(async () => {
      setSaveState({ kind: 'saving' });
      const body = {
        answers: answersToSend(latest.current.answers),
        consents: call.consentItems.map((c) => ({ key: c.key, granted: latest.current.consents[c.key] === true })),
      };
      try {
        const next = await put<MyApplicationViewT>(`/calls/${call.id}/my-application`, body);
        setApp(next);
        setSaveState({ kind: 'saved', at: new Date() });
        return next;
      } catch (err) {
        setSaveState({ kind: 'failed', message: err instanceof ApiError ? err.message : t('web:common.error.network') });
        throw err;
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  };
  // The server already set (or cleared) the answer with the upload or removal; saving it again keeps the draft in step.
  const replaceFile = (key: string, next: UploadedFile | null) => {
    if (next) setFileMeta((m) => ({ ...m, [next.id]: next }));
    setAnswer(key, next ? next.id : '');
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    // A submitted application is checked in full on every save, so half-typed edits wait for the button.
    if (changes === 0 || !open || latest.current.submitted) return;
    const timer = setTimeout(() => void saveRef.current().catch(() => undefined), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changes, open]);

  useEffect(() => {
    if (submit.attempt > 0) summaryRef.current?.focus();
  }, [submit.attempt]);

  const setAnswer = (key: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [key]: value }));
    setChanges((n) => n + 1);
  };
  const setConsent = (key: string, granted: boolean) => {
    setConsents((c) => ({ ...c, [key]: granted }));
    setChanges((n) => n + 1);
  };

  const focusStatus = () => setTimeout(() => statusRef.current?.focus(), 0);

  const onSave = () =>
    void submit.run({}, async () => {
      await save();
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit.run({}, async () => {
      await save();
      setApp(await post<MyApplicationViewT>(`/calls/${call.id}/my-application/submit`));
      void refreshOverview();
      focusStatus();
    });
  };
  const withdraw = async () => {
    setWithdrawError(undefined);
    try {
      setApp(await post<MyApplicationViewT>(`/calls/${call.id}/my-application/withdraw`));
      setConfirmOpen(false);
      focusStatus();
    } catch (err) {
      setWithdrawError(err instanceof ApiError ? err.message : t('web:common.error.network'));
    }
  };

  const fieldError = (path: string) => submit.fieldErrors[path];
  const fileMetaFor = (value: AnswerValue | undefined) => (typeof value === 'string' ? fileMeta[value] : undefined);
  const summaryItems: SummaryItem[] = [];
  for (const q of call.questions) {
    const msg = fieldError(`answers.${q.key}`);
    if (msg) summaryItems.push({ text: t('web:form.fieldError', { label: locText(q.label), message: msg }), target: questionInputId(q.key) });
  }
  const groups = consentGroups(call.consentItems);
  const consentLabel = (key: string) => {
    const required = groups.required.findIndex((c) => c.key === key);
    return required >= 0
      ? t('consent.agree', { tag: t('consent.tagRequired'), n: required + 1 })
      : t('consent.agree', { tag: t('consent.tagOptional'), n: groups.optional.findIndex((c) => c.key === key) + 1 });
  };
  for (const c of call.consentItems) {
    const msg = fieldError(`consents.${c.key}`);
    if (msg) summaryItems.push({ text: msg, target: consentInputId(c.key) });
  }
  const known = new Set([...call.questions.map((q) => `answers.${q.key}`), ...call.consentItems.map((c) => `consents.${c.key}`)]);
  const firstConsent = call.consentItems[0];
  for (const [path, msg] of Object.entries(submit.fieldErrors)) {
    if (!known.has(path)) summaryItems.push({ text: msg, ...(path === 'consents' && firstConsent ? { target: consentInputId(firstConsent.key) } : {}) });
  }

  // A refusal about one field is listed with its link already; saying it twice only adds noise.
  const formMessage = submit.formError && !Object.values(submit.fieldErrors).includes(submit.formError) ? submit.formError : null;

  const statusPanel = app && (
    <Alert
      ref={statusRef}
      tabIndex={-1}
      variant="outline"
      color="campus"
      title={t(app.status === 'submitted' ? 'state.submittedTitle' : app.status === 'withdrawn' ? 'state.withdrawnTitle' : 'state.draftTitle')}
      data-testid="application-status"
    >
      {app.status === 'draft' && <Text>{t('state.draft')}</Text>}
      {app.status === 'withdrawn' && <Text>{t('state.withdrawn')}</Text>}
      {app.status === 'submitted' && (
        <Stack gap="xs">
          <Text>{t('state.submitted', { at: app.submittedAt ? seoulTime(app.submittedAt, lang) : '' })}</Text>
          {open && <Text>{t('state.editUntil', { deadline: seoulTime(call.closesAt, lang) })}</Text>}
          {open && (
            <Group>
              <Button variant="outline" color="red.9" onClick={() => setConfirmOpen(true)}>
                {t('state.withdraw')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Alert>
  );

  if (!open) {
    return (
      <Stack gap="md">
        <Alert variant="outline" color="campus">
          <Text>{status === 'upcoming' ? t('state.upcoming', { opens: seoulTime(call.opensAt, lang) }) : t('state.closed')}</Text>
        </Alert>
        {statusPanel}
      </Stack>
    );
  }

  const submitted = app?.status === 'submitted';
  return (
    <Stack gap="md">
      {statusPanel}
      <ErrorSummary ref={summaryRef} key={submit.attempt} message={formMessage} items={summaryItems} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Text size="sm">{t('form.requiredNote')}</Text>
          {!submitted && <Text size="sm">{t('form.autosaveNote')}</Text>}
          {call.questions.map((q) => (
            <QuestionField
              key={q.key}
              question={q}
              value={answers[q.key]}
              onChange={(v) => setAnswer(q.key, v)}
              error={fieldError(`answers.${q.key}`)}
              file={{
                callId: call.id,
                meta: fileMetaFor(answers[q.key]),
                onUploaded: (f) => replaceFile(q.key, f),
                onRemoved: () => replaceFile(q.key, null),
              }}
            />
          ))}
          {(['required', 'optional'] as const).map(
            (kind) =>
              groups[kind].length > 0 && (
                <Fieldset key={kind} legend={t(kind === 'required' ? 'consent.legendRequired' : 'consent.legendOptional')}>
                  <Stack gap="sm">
                    {kind === 'optional' && <Text size="sm">{t('consent.optionalNote')}</Text>}
                    {groups[kind].map((c) => (
                      <Checkbox
                        key={c.key}
                        id={consentInputId(c.key)}
                        label={
                          <>
                            {consentLabel(c.key)}
                            {c.required && <> {t('form.requiredMark')}</>}
                          </>
                        }
                        checked={consents[c.key] === true}
                        onChange={(e) => setConsent(c.key, e.currentTarget.checked)}
                        error={fieldError(`consents.${c.key}`)}
                      />
                    ))}
                  </Stack>
                </Fieldset>
              ),
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onSave} aria-busy={submit.submitting || undefined}>
              {submitted ? t('form.saveChanges') : t('form.save')}
            </Button>
            {!submitted && (
              <Button type="submit" aria-busy={submit.submitting || undefined}>
                {submit.submitting ? t('form.working') : t('form.submit')}
              </Button>
            )}
          </Group>
          <Text size="sm" role="status" aria-live="polite" data-testid="save-status">
            {saveState.kind === 'saving' && t('form.saving')}
            {saveState.kind === 'saved' && t('form.saved', { time: formatTime(saveState.at) })}
            {saveState.kind === 'failed' && t('form.saveFailed', { message: saveState.message })}
          </Text>
        </Stack>
      </form>
      <Modal
        opened={confirmOpen}
        onClose={() => setConfirmOpen(false)}
        title={t('state.withdrawTitle')}
        closeButtonProps={{ 'aria-label': t('state.close') }}
        returnFocus
        trapFocus
      >
        <Stack>
          <ErrorSummary title={withdrawError} />
          <Text>{t('state.withdrawBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)} data-autofocus>
              {t('state.cancel')}
            </Button>
            <Button color="red.9" onClick={() => void withdraw()}>
              {t('state.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
