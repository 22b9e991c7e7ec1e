/**
 * /admin/calls/:id/applications: who applied and where each application stands, and the exports
 * (Excel, CSV). An export asks why first: the reason goes into the personal-data access log with the
 * ids exported (안전조치기준 §8; security guide row 26).
 */
import { Button, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApplicationListT, CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { AdminModal } from '../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../admin/components/DialogForm';
import { StatusMessage } from '../admin/components/StatusMessage';
import { ApiError, get } from '../lib/api';
import i18n from '../lib/i18n';
import { LoadState } from '../lib/LoadState';
import { useLang, useLocalized } from '../lib/text';
import { useLoad } from '../lib/useApiGet';
import { CallNav } from './CallNav';
import { exportPath, fileNameFrom, reasonIssue, type ExportFormat } from './export';
import { formatSeoul } from './seoul-time';

interface PageData {
  call: CallViewT;
  list: ApplicationListT;
}

/** Fetches the export and hands it to the browser as a download; a refusal becomes an ApiError. */
async function download(callId: string, format: ExportFormat, reason: string): Promise<void> {
  const res = await fetch(`/api/v1${exportPath(callId, format, reason)}`, { headers: { 'accept-language': i18n.language }, credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? i18n.t('server:errors.internal'), body?.error?.fields ?? []);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res.headers.get('content-disposition'), `applications.${format}`);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to start saving; the object URL holds personal data, so it goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function ExportDialog({ callId, format, onClose, onDone }: { callId: string; format: ExportFormat | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  return (
    <AdminModal opened={format !== null} onClose={onClose} title={format === 'csv' ? t('export.titleCsv') : t('export.titleXlsx')} size="lg">
      {format && <ExportForm key={format} callId={callId} format={format} onClose={onClose} onDone={onDone} />}
    </AdminModal>
  );
}

function ExportForm({ callId, format, onClose, onDone }: { callId: string; format: ExportFormat; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const [reason, setReason] = useState('');
  const state = useDialogSubmit();
  const submit = async () => {
    const issue = reasonIssue(reason);
    await state.submit(issue ? { reason: { key: `staffcalls:${issue.key}`, ...(issue.params ? { params: issue.params } : {}) } } : {}, async () => {
      await download(callId, format, reason);
      onDone(t('export.started'));
      onClose();
    });
  };
  return (
    <DialogForm state={state} onSubmit={submit} onCancel={onClose} submitLabel={t('export.download')} labelOf={(path) => (path === 'reason' ? t('export.reason') : undefined)}>
      <Text>{t('export.intro')}</Text>
      <Textarea id="export-reason" label={t('export.reason')} description={t('export.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={state.errors.reason} required autosize minRows={3} data-autofocus />
    </DialogForm>
  );
}

export function ApplicationsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const localized = useLocalized();
  const page = useLoad(async (): Promise<PageData> => {
    const [call, list] = await Promise.all([get<CallViewT>(`/admin/calls/${id}`), get<ApplicationListT>(`/admin/calls/${id}/applications`)]);
    return { call, list };
  }, [id]);
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState('');
  const heading = page.data ? t('applications.headingOf', { title: localized(page.data.call.title).text }) : t('applications.heading');
  usePageTitle(heading);

  return (
    <Stack>
      <Title order={1}>{heading}</Title>
      <CallNav callId={id} />
      <StatusMessage message={status} />
      <LoadState state={page}>
        {({ list }) => (
          <>
            <section aria-labelledby="export-heading">
              <Title order={2} id="export-heading" mb="xs">
                {t('export.heading')}
              </Title>
              <Text mb="sm">{t('export.note')}</Text>
              <Group gap="sm">
                <Button variant="outline" onClick={() => setFormat('xlsx')}>
                  {t('export.xlsx')}
                </Button>
                <Button variant="outline" onClick={() => setFormat('csv')}>
                  {t('export.csv')}
                </Button>
              </Group>
            </section>
            <section aria-labelledby="applications-heading">
              <Title order={2} id="applications-heading" mb="xs">
                {t('applications.listHeading', { count: list.applications.length })}
              </Title>
              {list.applications.length === 0 ? (
                <Text>{t('applications.empty')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table withTableBorder verticalSpacing="xs" data-testid="applications-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('applications.name')}</Table.Th>
                        <Table.Th scope="col">{t('fields.status')}</Table.Th>
                        <Table.Th scope="col">{t('applications.submittedAt')}</Table.Th>
                        <Table.Th scope="col">{t('applications.updatedAt')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.applications.map((a) => (
                        <Table.Tr key={a.id}>
                          <Table.Th scope="row" fw={400}>
                            {a.name}
                          </Table.Th>
                          <Table.Td>{t(`applications.status.${a.status}`)}</Table.Td>
                          <Table.Td>{a.submittedAt ? formatSeoul(a.submittedAt, lang) : t('applications.notSubmitted')}</Table.Td>
                          <Table.Td>{formatSeoul(a.updatedAt, lang)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </section>
          </>
        )}
      </LoadState>
      <ExportDialog callId={id} format={format} onClose={() => setFormat(null)} onDone={setStatus} />
    </Stack>
  );
}
