/**
 * /admin/calls/:id/applications: who applied and where each application stands, and the exports
 * (Excel, CSV). An export asks why first: the reason goes into the personal-data access log with the
 * ids exported (안전조치기준 §8; security guide row 26).
 */
import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApplicationStatus, type ApplicationListT, type CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { StatusMessage } from '../admin/components/StatusMessage';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { LoadState } from '../lib/LoadState';
import { enumLabel } from '../lib/labels';
import { useLang, useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { CallNav } from './CallNav';
import type { ExportFormat } from './export';
import { ExportDialog } from './ExportDialog';
import { formatSeoul } from './seoul-time';

type Application = ApplicationListT['items'][number];
const PAGE_SIZE = 50;

export function ApplicationsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const localized = useLocalized();
  const call = useApiGet<CallViewT>(`/admin/calls/${id}`);
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  // The server pages and filters: a call of hundreds of applications sends fifty at a time.
  const list = usePagedList<ApplicationListT>(`/admin/calls/${id}/applications`, { page, pageSize: PAGE_SIZE, q, status: state });
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState('');
  const heading = call.data ? t('applications.headingOf', { title: localized(call.data.title).text }) : t('applications.heading');
  usePageTitle(heading);
  const counts = list.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <Stack>
      <Title order={1}>{heading}</Title>
      <CallNav callId={id} />
      <StatusMessage message={status} />
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
          {t('applications.listHeading', { count: all })}
        </Title>
        <Group align="flex-end" mb="sm">
          <FilterBox
            label={t('applications.search')}
            value={q}
            testId="applications-search"
            onChange={(text) => {
              setQ(text);
              setPage(1);
            }}
          />
          <NativeSelect
            label={t('applications.filterStatus')}
            value={state}
            onChange={(e) => {
              setState(e.currentTarget.value);
              setPage(1);
            }}
            data={[
              { value: '', label: t('applications.allStatuses') },
              ...ApplicationStatus.options.map((s) => ({ value: s, label: t('applications.statusCount', { status: enumLabel(t, 'applicationStatus', s), count: counts?.[s] ?? 0 }) })),
            ]}
            w={240}
            data-testid="applications-status"
          />
        </Group>
        <LoadState state={list}>
          {(data) => (
            <DataTable<Application>
              caption={t('applications.caption')}
              data={data}
              rowKey={(a) => a.id}
              onPage={setPage}
              empty={all === 0 ? t('applications.empty') : t('applications.noMatch')}
              minWidth={640}
              testId="applications-table"
              columns={[
                { key: 'name', header: t('applications.name'), rowHeader: true, cell: (a) => a.name },
                { key: 'status', header: t('fields.status'), cell: (a) => enumLabel(t, 'applicationStatus', a.status) },
                { key: 'submitted', header: t('applications.submittedAt'), cell: (a) => (a.submittedAt ? formatSeoul(a.submittedAt, lang) : t('applications.notSubmitted')) },
                { key: 'updated', header: t('applications.updatedAt'), cell: (a) => formatSeoul(a.updatedAt, lang) },
              ]}
            />
          )}
        </LoadState>
      </section>
      <ExportDialog callId={id} what="applications" format={format} onClose={() => setFormat(null)} onDone={setStatus} />
    </Stack>
  );
}
