/**
 * The export dialog of a call's personal data (applications, scores): it asks why first — the
 * reason goes into the access log with the ids exported (안전조치기준 §8) — then fetches the file so a
 * refusal shows in the dialog instead of replacing the page with an error document.
 */
import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminModal } from '../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../admin/components/DialogForm';
import { ApiError, post } from '../lib/api';
import { CodeField, codeIssue } from '../auth/CodeField';
import i18n from '../lib/i18n';
import { exportPath, fileNameFrom, reasonIssue, type ExportFormat, type ExportWhat } from './export';

/** Fetches the export and hands it to the browser as a download; a refusal becomes an ApiError. */
async function download(callId: string, what: ExportWhat, format: ExportFormat, reason: string): Promise<void> {
  const res = await fetch(`/api/v1${exportPath(callId, format, reason, what)}`, { headers: { 'accept-language': i18n.language }, credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? i18n.t('server:errors.internal'), body?.error?.fields ?? []);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res.headers.get('content-disposition'), `${what}.${format}`);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to start saving; the object URL holds personal data, so it goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function ExportDialog({ callId, what, format, onClose, onDone }: { callId: string; what: ExportWhat; format: ExportFormat | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  return (
    <AdminModal opened={format !== null} onClose={onClose} title={format === 'csv' ? t('export.titleCsv') : t('export.titleXlsx')} size="lg">
      {format && <ExportForm key={format} callId={callId} what={what} format={format} onClose={onClose} onDone={onDone} />}
    </AdminModal>
  );
}

function ExportForm({ callId, what, format, onClose, onDone }: { callId: string; what: ExportWhat; format: ExportFormat; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const [reason, setReason] = useState('');
  // Personal data in bulk: the server asks for a code proved in the last minutes (step-up), once per window.
  const [needCode, setNeedCode] = useState(false);
  const [code, setCode] = useState('');
  const state = useDialogSubmit();
  const submit = async () => {
    const issue = reasonIssue(reason);
    const codeProblem = needCode ? codeIssue(code) : null;
    await state.submit(
      {
        ...(issue ? { reason: { key: `staffcalls:${issue.key}`, ...(issue.params ? { params: issue.params } : {}) } } : {}),
        ...(codeProblem ? { code: { key: `web:${codeProblem}` } } : {}),
      },
      async () => {
        if (needCode) await post('/me/two-factor/step-up', { code: code.trim() });
        try {
          await download(callId, what, format, reason);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'accounts.fresh_factor_required') setNeedCode(true);
          throw e;
        }
        onDone(t('export.started'));
        onClose();
      },
    );
  };
  return (
    <DialogForm state={state} onSubmit={submit} onCancel={onClose} submitLabel={t('export.download')} labelOf={(path) => (path === 'reason' ? t('export.reason') : path === 'code' ? t('web:twoFactor.codeLabel') : undefined)}>
      <Text>{t('export.intro')}</Text>
      <Textarea id="export-reason" label={t('export.reason')} description={t('export.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={state.errors.reason} required autosize minRows={3} data-autofocus={!needCode || undefined} />
      {needCode && (
        <>
          <Text id="export-step-up-intro">{t('export.stepUpIntro')}</Text>
          <CodeField id="export-step-up-code" value={code} onChange={setCode} error={state.errors.code} inModal />
        </>
      )}
    </DialogForm>
  );
}

