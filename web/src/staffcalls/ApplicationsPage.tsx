/**
 * /admin/calls/:id/applications: who applied and where each application stands, and the exports
 * (Excel, CSV). An export asks why first: the reason goes into the personal-data access log with the
 * ids exported (안전조치기준 §8; security guide row 26).
 */
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApplicationListT, CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { StatusMessage } from '../admin/components/StatusMessage';
import { get } from '../lib/api';
import { LoadState } from '../lib/LoadState';
import { useLang, useLocalized } from '../lib/text';
import { useLoad } from '../lib/useApiGet';
import { CallNav } from './CallNav';
import type { ExportFormat } from './export';
import { ExportDialog } from './ExportDialog';
import { formatSeoul } from './seoul-time';

interface PageData {
  call: CallViewT;
  list: ApplicationListT;
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
      <ExportDialog callId={id} what="applications" format={format} onClose={() => setFormat(null)} onDone={setStatus} />
    </Stack>
  );
}
