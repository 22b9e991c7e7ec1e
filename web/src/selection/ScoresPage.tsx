/**
 * /admin/review/calls/:id/scores: per application the reviews, the raw mean, the calibrated score
 * (each reviewer's harshness or leniency removed; docs/calibration.md), the spread, a disagreement
 * flag and whether one reviewer alone decides its place; per reviewer the offset. The applications
 * are paged, filtered and sorted on the server; the reviewers' offsets are one short table.
 */
import { Box, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ScoreFilter, type ScoresQueryT, type ScoresViewT } from '../../../src/shared/contracts/review';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { enumLabel } from '../lib/labels';
import { usePageTitle } from '../app/usePageTitle';
import { LoadError, LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { CallReviewNav, useCall, usePageName } from './CallReviewNav';
import { SortHeader } from './components/SortHeader';
import { formatCount, formatNumber, formatSigned, nextSort, offsetKind, sortRows, type SortDirection } from './format';
import './selection.css';
import { StatusMessage } from '../admin/components/StatusMessage';
import { ExportDialog } from '../staffcalls/ExportDialog';
import type { ExportFormat } from '../staffcalls/export';

type AppRow = ScoresViewT['items'][number];
type SortKey = ScoresQueryT['sort'];
const PAGE_SIZE = 50;
const FILTERS = ScoreFilter.options;

/**
 * The ranked applications, fifty at a time: the server filters, sorts the whole call and pages,
 * so a column's order is that of every application, not of the page shown.
 */
function ApplicationsSection({ callId, first }: { callId: string; first: ScoresViewT }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'calibrated', direction: 'descending' });
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const state = usePagedList<ScoresViewT>(`/admin/calls/${callId}/scores`, { page, pageSize: PAGE_SIZE, q, status: filter, sort: sort.key, direction: sort.direction });
  const reviewerName = useMemo(() => new Map(first.reviewers.map((r) => [r.reviewerId, r.name ?? r.email])), [first.reviewers]);
  const none = t('common.none');
  const header = (key: SortKey, label: string) => (
    <SortHeader
      label={label}
      numeric
      direction={sort.key === key ? sort.direction : null}
      onSort={() => {
        setSort((s) => ({ key, direction: nextSort(s.key === key ? s.direction : null) }));
        setPage(1);
      }}
      testId={`sort-${key}`}
    />
  );
  const sortedBy = t(`scores.sortedBy.${sort.key}`);
  const figure = (key: SortKey, label: string, cell: (r: AppRow) => ReactNode, bold = false) => ({
    key,
    header: label,
    th: header(key, label),
    className: 'oc-num',
    cell: (r: AppRow) => (bold ? <b>{cell(r)}</b> : cell(r)),
  });
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <FilterBox
          label={t('scores.search')}
          value={q}
          testId="scores-search"
          onChange={(text) => {
            setQ(text);
            setPage(1);
          }}
        />
        <NativeSelect
          label={t('scores.filter.label')}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setPage(1);
          }}
          data={[{ value: '', label: t('scores.filter.all') }, ...FILTERS.map((f) => ({ value: f, label: enumLabel(t, 'scoreFilter', f) }))]}
          w={260}
        />
      </Group>
      <LoadState state={state}>
        {(data) => (
          <DataTable<AppRow>
            caption={t('scores.applications.caption', { count: data.total, capacity: data.capacity, sortedBy, direction: t(`common.${sort.direction}`) })}
            data={data}
            rowKey={(r) => r.applicationId}
            onPage={setPage}
            empty={t('scores.applications.noMatch')}
            minWidth={960}
            testId="scores-table"
            columns={[
              { key: 'rank', header: t('scores.col.rank'), className: 'oc-num', cell: (r) => (r.rank === null ? none : formatCount(r.rank, lang)) },
              {
                key: 'applicant',
                header: t('scores.col.applicant'),
                rowHeader: true,
                cell: (r) => (
                  <>
                    {r.applicantName}
                    {r.applicantOrganisation && (
                      <Text component="span" display="block" size="sm">
                        {r.applicantOrganisation}
                      </Text>
                    )}
                    {r.inTop && (
                      <Text component="span" display="block" size="sm" fw={700}>
                        {t('scores.inTop', { capacity: data.capacity })}
                      </Text>
                    )}
                  </>
                ),
              },
              figure('reviews', t('scores.col.reviews'), (r) => formatCount(r.reviews.length, lang)),
              figure('rawMean', t('scores.col.rawMean'), (r) => formatNumber(r.rawMean, lang) ?? none),
              figure('calibrated', t('scores.col.calibrated'), (r) => formatNumber(r.calibrated, lang) ?? none, true),
              figure('spread', t('scores.col.spread'), (r) => formatNumber(r.spread, lang) ?? none),
              { key: 'disagreement', header: t('scores.col.disagreement'), cell: (r) => (r.disagreement ? <span className="oc-flag">{t('scores.disagreementYes')}</span> : t('common.no')) },
              {
                key: 'flips',
                header: t('scores.col.flips'),
                cell: (r) =>
                  r.flips ? (
                    <span className="oc-flag" data-testid="flips">
                      {t('scores.flipsWithout', { reviewers: r.flippingReviewers.map((id) => reviewerName.get(id) ?? id).join(', ') })}
                    </span>
                  ) : (
                    t('common.no')
                  ),
              },
            ]}
          />
        )}
      </LoadState>
    </Stack>
  );
}

function ReviewersTable({ scores }: { scores: ScoresViewT }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const [direction, setDirection] = useState<SortDirection | null>(null);
  const rows = direction ? sortRows(scores.reviewers, (r) => r.offset, direction) : scores.reviewers;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="offsets-table">
        <Table.Caption>{t('scores.reviewers.caption', { count: scores.reviewers.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('scores.col.reviewer')}</Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('scores.col.reviews')}
            </Table.Th>
            <SortHeader label={t('scores.col.offset')} numeric direction={direction} onSort={() => setDirection((d) => nextSort(d))} testId="sort-offset" />
            <Table.Th scope="col">{t('scores.col.tendency')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.reviewerId}>
              <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                {r.name ?? r.email}
              </Table.Th>
              <Table.Td className="oc-num">{formatCount(r.reviews, lang)}</Table.Td>
              <Table.Td className="oc-num">{formatSigned(r.offset, lang) ?? t('common.none')}</Table.Td>
              <Table.Td>{t(`scores.tendency.${offsetKind(r.offset)}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ScoresPage() {
  const { t } = useTranslation('selection');
  const { id = '' } = useParams();
  const call = useCall(id);
  usePageTitle(usePageName(t('scores.title'), call.data));
  // The first page carries the calibration of the whole call: reviewers' offsets, components.
  const scores = useApiGet<ScoresViewT>(`/admin/calls/${id}/scores?pageSize=1`);
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState('');
  return (
    <Stack>
      <CallReviewNav callId={id} />
      <Title order={1}>
        {t('scores.title')}
        {call.data && (
          <Text component="span" display="block" size="lg" fw={500}>
            <Loc value={call.data.title} />
          </Text>
        )}
      </Title>
      {call.error !== undefined && <LoadError error={call.error} onRetry={() => void call.reload()} />}
      <Box component="section" aria-labelledby="calibration-explained">
        <Title order={2} size="h3" id="calibration-explained" mb="xs">
          {t('scores.explain.heading')}
        </Title>
        <Stack gap="xs">
          <Text>{t('scores.explain.p1')}</Text>
          <Text>{t('scores.explain.p2')}</Text>
          <Text>{t('scores.explain.p3')}</Text>
        </Stack>
      </Box>
      <StatusMessage message={status} />
      <Box component="section" aria-labelledby="scores-export-heading">
        <Title order={2} size="h3" id="scores-export-heading" mb="xs">
          {t('scores.export.heading')}
        </Title>
        <Text mb="sm">{t('scores.export.note')}</Text>
        <Group gap="sm">
          <Button variant="outline" onClick={() => setFormat('xlsx')}>
            {t('scores.export.xlsx')}
          </Button>
          <Button variant="outline" onClick={() => setFormat('csv')}>
            {t('scores.export.csv')}
          </Button>
        </Group>
      </Box>
      <ExportDialog callId={id} what="scores" format={format} onClose={() => setFormat(null)} onDone={setStatus} />
      <LoadState state={scores}>
        {(data) => (
          <Stack>
            {data.components > 1 && <Text>{t('scores.components', { count: data.components })}</Text>}
            {!data.converged && <Text>{t('scores.notConverged')}</Text>}
            <Box component="section" aria-labelledby="scores-applications">
              <Title order={2} size="h3" id="scores-applications" mb="xs">
                {t('scores.applications.heading')}
              </Title>
              {data.applications === 0 ? <Text>{t('scores.applications.empty')}</Text> : <ApplicationsSection callId={id} first={data} />}
            </Box>
            <Box component="section" aria-labelledby="scores-reviewers">
              <Title order={2} size="h3" id="scores-reviewers" mb="xs">
                {t('scores.reviewers.heading')}
              </Title>
              {data.reviewers.length === 0 ? <Text>{t('scores.reviewers.empty')}</Text> : <ReviewersTable scores={data} />}
            </Box>
          </Stack>
        )}
      </LoadState>
    </Stack>
  );
}
