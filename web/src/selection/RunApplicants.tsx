/**
 * A selection run's applicants, fifty at a time in rank order, paged and filtered on the server
 * (a name; selected, waitlisted or not selected), with each one's score, margin, waitlist place,
 * the quota that bound them and why.
 */
import { Group, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectionApplicantStatus, type SelectionApplicantListT } from '../../../src/shared/contracts/selection';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { enumLabel } from '../lib/labels';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useLang } from '../lib/text';
import { formatCount, formatNumber, formatSigned } from './format';

type Applicant = SelectionApplicantListT['items'][number];
const PAGE_SIZE = 50;

export function RunApplicants({ runId }: { runId: string }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const text = useLocText();
  const none = t('common.none');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const state = usePagedList<SelectionApplicantListT>(`/admin/selection-runs/${runId}/applicants`, { page, pageSize: PAGE_SIZE, q, status });
  const counts = state.data?.counts;
  const all = counts ? counts.selected + counts.waitlisted + counts.excluded : 0;
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <FilterBox
          label={t('selection.applicants.search')}
          value={q}
          testId="applicants-search"
          onChange={(value) => {
            setQ(value);
            setPage(1);
          }}
        />
        <NativeSelect
          label={t('selection.applicants.filter')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: t('selection.applicants.allStatuses') },
            ...SelectionApplicantStatus.options.map((s) => ({ value: s, label: t('selection.applicants.statusCount', { status: enumLabel(t, 'selectionApplicantStatus', s), count: counts?.[s] ?? 0 }) })),
          ]}
          w={260}
        />
      </Group>
      <LoadState state={state}>
        {(data) => (
          <DataTable<Applicant>
            caption={t('selection.applicants.caption', { count: data.total })}
            data={data}
            rowKey={(a) => a.applicationId}
            rowData={(a) => ({ 'data-application': a.applicationId, 'data-status': a.status })}
            onPage={setPage}
            empty={all === 0 ? t('selection.applicants.empty') : t('selection.applicants.noMatch')}
            minWidth={1000}
            testId="applicants-table"
            columns={[
              { key: 'rank', header: t('selection.applicants.col.rank'), className: 'oc-num', cell: (a) => formatCount(a.rank, lang) },
              { key: 'applicant', header: t('selection.applicants.col.applicant'), rowHeader: true, cell: (a) => a.name ?? t('selection.applicants.anonymised') },
              { key: 'status', header: t('selection.applicants.col.status'), cell: (a) => (a.status === 'selected' ? <b>{enumLabel(t, 'selectionApplicantStatus', a.status)}</b> : enumLabel(t, 'selectionApplicantStatus', a.status)) },
              { key: 'score', header: t('selection.applicants.col.score'), className: 'oc-num', cell: (a) => formatNumber(a.score, lang) ?? none },
              { key: 'margin', header: t('selection.applicants.col.margin'), className: 'oc-num', cell: (a) => formatSigned(a.margin, lang) ?? none },
              { key: 'waitlist', header: t('selection.applicants.col.waitlist'), className: 'oc-num', cell: (a) => (a.waitlistPosition === null ? none : formatCount(a.waitlistPosition, lang)) },
              { key: 'binding', header: t('selection.applicants.col.binding'), className: 'oc-why', cell: (a) => (a.bindings.length === 0 ? t('selection.applicants.noBinding') : a.bindings.map((b) => text(b.text)).join(' ')) },
              { key: 'why', header: t('selection.applicants.col.why'), className: 'oc-why', cell: (a) => <Loc value={a.explanation} /> },
            ]}
          />
        )}
      </LoadState>
    </Stack>
  );
}
