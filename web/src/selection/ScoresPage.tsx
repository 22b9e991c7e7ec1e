/**
 * /admin/review/calls/:id/scores: per application the reviews, the raw mean, the calibrated score
 * (each reviewer's harshness or leniency removed; docs/calibration.md), the spread, a disagreement
 * flag and whether one reviewer alone decides its place; per reviewer the offset. Sortable tables.
 */
import { Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ScoresViewT } from '../../../src/shared/contracts/review';
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

type AppRow = ScoresViewT['applications'][number];
type SortKey = 'calibrated' | 'rawMean' | 'spread' | 'reviews';

const SORT_VALUE: Record<SortKey, (row: AppRow) => number | null> = {
  calibrated: (r) => r.calibrated,
  rawMean: (r) => r.rawMean,
  spread: (r) => r.spread,
  reviews: (r) => r.reviews.length,
};

function ApplicationsTable({ scores }: { scores: ScoresViewT }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'calibrated', direction: 'descending' });
  const rows = useMemo(() => sortRows(scores.applications, SORT_VALUE[sort.key], sort.direction), [scores.applications, sort]);
  const reviewerName = useMemo(() => new Map(scores.reviewers.map((r) => [r.reviewerId, r.name ?? r.email])), [scores.reviewers]);
  const none = t('common.none');
  const header = (key: SortKey, label: string) => (
    <SortHeader
      label={label}
      numeric
      direction={sort.key === key ? sort.direction : null}
      onSort={() => setSort((s) => ({ key, direction: nextSort(s.key === key ? s.direction : null) }))}
      testId={`sort-${key}`}
    />
  );
  const sortedBy = t(`scores.sortedBy.${sort.key}`);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="scores-table">
        <Table.Caption>{t('scores.applications.caption', { count: scores.applications.length, capacity: scores.capacity, sortedBy, direction: t(`common.${sort.direction}`) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="oc-num">
              {t('scores.col.rank')}
            </Table.Th>
            <Table.Th scope="col">{t('scores.col.applicant')}</Table.Th>
            {header('reviews', t('scores.col.reviews'))}
            {header('rawMean', t('scores.col.rawMean'))}
            {header('calibrated', t('scores.col.calibrated'))}
            {header('spread', t('scores.col.spread'))}
            <Table.Th scope="col">{t('scores.col.disagreement')}</Table.Th>
            <Table.Th scope="col">{t('scores.col.flips')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.applicationId} data-application={r.applicationId}>
              <Table.Td className="oc-num">{r.rank === null ? none : formatCount(r.rank, lang)}</Table.Td>
              <Table.Th scope="row" fw={400}>
                {r.applicantName}
                {r.applicantOrganisation && (
                  <Text component="span" display="block" size="sm">
                    {r.applicantOrganisation}
                  </Text>
                )}
                {r.inTop && (
                  <Text component="span" display="block" size="sm" fw={700}>
                    {t('scores.inTop', { capacity: scores.capacity })}
                  </Text>
                )}
              </Table.Th>
              <Table.Td className="oc-num">{formatCount(r.reviews.length, lang)}</Table.Td>
              <Table.Td className="oc-num">{formatNumber(r.rawMean, lang) ?? none}</Table.Td>
              <Table.Td className="oc-num" fw={700}>
                {formatNumber(r.calibrated, lang) ?? none}
              </Table.Td>
              <Table.Td className="oc-num">{formatNumber(r.spread, lang) ?? none}</Table.Td>
              <Table.Td>{r.disagreement ? <span className="oc-flag">{t('scores.disagreementYes')}</span> : t('common.no')}</Table.Td>
              <Table.Td>
                {r.flips ? (
                  <span className="oc-flag" data-testid="flips">
                    {t('scores.flipsWithout', { reviewers: r.flippingReviewers.map((id) => reviewerName.get(id) ?? id).join(', ') })}
                  </span>
                ) : (
                  t('common.no')
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
  const scores = useApiGet<ScoresViewT>(`/admin/calls/${id}/scores`);
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
              {data.applications.length === 0 ? <Text>{t('scores.applications.empty')}</Text> : <ApplicationsTable scores={data} />}
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
