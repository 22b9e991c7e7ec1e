/**
 * /admin/courses: the programmes (the plan's top-innovator and citizen-innovator courses) and their
 * cohorts with place, dates, capacity, enrolment mode and status; staff add and edit cohorts here,
 * and the rooms sessions can use.
 */
import { Anchor, Box, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CohortListT, CohortViewT, ProgrammeListT, ProgrammeViewT } from '../../../../src/shared/contracts/courses';
import { PROGRAMME_KINDS } from '../../../../src/shared/contracts/courses';
import { DataTable, FilterBox, usePagedList } from '../../components/DataTable';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { LoadState } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { CohortDialog, type CohortDialogMode } from './CohortDialog';
import { CohortStatusBadge } from './CohortNav';
import { formatDay, formatPercent } from './format';
import { RoomsSection } from './RoomsSection';
import { enumLabel } from '../../lib/labels';

function CompletionRuleText({ programme }: { programme: ProgrammeViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const rule = programme.completionRule;
  const parts = [t('staff.programmes.ruleRate', { rate: formatPercent(rule.minAttendanceRate, lang) })];
  for (const type of rule.requiredSessionTypes) parts.push(t('staff.programmes.ruleType', { type: t(`staff.sessionType.${type}`) }));
  if (rule.requireExperimentReport) parts.push(t('staff.programmes.ruleReport'));
  return <Text size="sm">{t('staff.programmes.rule', { rule: parts.join(', ') })}</Text>;
}

function CohortTable({ programme, cohorts, onEdit }: { programme: ProgrammeViewT; cohorts: CohortViewT[]; onEdit: (c: CohortViewT) => void }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const text = useLocText();
  if (cohorts.length === 0) return <Text>{t('staff.programmes.noCohorts')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid={`cohorts-${programme.id}`}>
        <Table.Caption>{t('staff.programmes.cohortsCaption', { programme: text(programme.title), count: cohorts.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.cohort.title')}</Table.Th>
            <Table.Th scope="col">{t('staff.cohort.place')}</Table.Th>
            <Table.Th scope="col">{t('staff.cohort.dates')}</Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('staff.cohort.capacity')}
            </Table.Th>
            <Table.Th scope="col">{t('staff.cohort.mode')}</Table.Th>
            <Table.Th scope="col">{t('staff.cohort.status')}</Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('staff.cohort.sessions')}
            </Table.Th>
            <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cohorts.map((c) => (
            <Table.Tr key={c.id} data-cohort-id={c.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/admin/courses/cohorts/${c.id}`}>
                  <Loc value={c.title} />
                </Anchor>
              </Table.Th>
              <Table.Td>
                <Loc value={c.place} />
              </Table.Td>
              <Table.Td>{t('staff.cohort.datesValue', { from: formatDay(c.startsOn, lang), to: formatDay(c.endsOn, lang) })}</Table.Td>
              <Table.Td className="oc-num">{c.capacity}</Table.Td>
              <Table.Td>{enumLabel(t, 'enrolmentMode', c.enrolmentMode)}</Table.Td>
              <Table.Td>
                <CohortStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td className="oc-num">{c.sessionCount}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => onEdit(c)} aria-label={t('staff.programmes.editCohortLabel', { title: text(c.title) })}>
                    {t('staff.common.edit')}
                  </Button>
                  <Anchor component={Link} to={`/admin/courses/cohorts/${c.id}/timetable`} aria-label={t('staff.programmes.timetableOf', { title: text(c.title) })} className="oc-course-nav-link" p={4}>
                    {t('staff.nav.timetable')}
                  </Anchor>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const PROGRAMME_PAGE_SIZE = 20;

export function ProgrammesPage() {
  const { t } = useTranslation('courses');
  const text = useLocText();
  usePageTitle(t('staff.programmes.title'));
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const programmes = usePagedList<ProgrammeListT>('/admin/programmes', { q, kind, page, pageSize: PROGRAMME_PAGE_SIZE });
  const cohorts = useApiGet<CohortListT>('/admin/cohorts');
  const [mode, setMode] = useState<CohortDialogMode | null>(null);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <Stack>
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('staff.programmes.title')}
      </Title>
      <Text>{t('staff.programmes.intro')}</Text>
      <Anchor component={Link} to="/admin/courses/lecturers" className="oc-course-nav-link">
        {t('staff.lecturerPool.link')}
      </Anchor>
      <StatusMessage message={message} />
      <Group align="flex-end">
        <FilterBox
          label={t('staff.programmes.search')}
          value={q}
          testId="programmes-search"
          onChange={(value) => {
            setQ(value);
            setPage(1);
          }}
        />
        <NativeSelect
          label={t('staff.programmes.kindFilter')}
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value);
            setPage(1);
          }}
          data={[{ value: '', label: t('staff.programmes.allKinds') }, ...PROGRAMME_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'programmeKind', k) }))]}
          w={240}
        />
      </Group>
      <LoadState state={programmes}>
        {(p) => (
          <Stack gap="xl">
            <DataTable<ProgrammeViewT>
              caption={t('staff.programmes.caption', { count: p.total })}
              data={p}
              rowKey={(programme) => programme.id}
              onPage={setPage}
              empty={q || kind ? t('staff.programmes.noMatch') : t('staff.programmes.empty')}
              minWidth={760}
              testId="programmes-table"
              columns={[
                { key: 'title', header: t('staff.programmes.col.title'), rowHeader: true, cell: (programme) => <Loc value={programme.title} /> },
                { key: 'kind', header: t('staff.programmes.col.kind'), cell: (programme) => enumLabel(t, 'programmeKind', programme.kind) },
                { key: 'rule', header: t('staff.programmes.col.rule'), cell: (programme) => <CompletionRuleText programme={programme} /> },
                { key: 'cohorts', header: t('staff.programmes.col.cohorts'), className: 'oc-num', cell: (programme) => programme.cohortCount },
                {
                  key: 'actions',
                  header: t('staff.common.actions'),
                  cell: (programme) => (
                    <Button size="xs" onClick={() => setMode({ kind: 'add', programme })} aria-label={t('staff.programmes.addCohortLabel', { programme: text(programme.title) })}>
                      {t('staff.programmes.addCohort')}
                    </Button>
                  ),
                },
              ]}
            />
            {p.items.map((programme) => (
              <Box component="section" key={programme.id} aria-labelledby={`programme-${programme.id}`}>
                <Title order={2} size="h3" id={`programme-${programme.id}`} mb="xs">
                  <Loc value={programme.title} />
                </Title>
                <LoadState state={cohorts}>
                  {(c) => <CohortTable programme={programme} cohorts={c.cohorts.filter((x) => x.programmeId === programme.id)} onEdit={(cohort) => setMode({ kind: 'edit', cohort, programme })} />}
                </LoadState>
              </Box>
            ))}
          </Stack>
        )}
      </LoadState>
      <RoomsSection />
      <CohortDialog
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={async (msg) => {
          await Promise.all([cohorts.reload(), programmes.reload()]);
          setMessage(msg);
        }}
      />
    </Stack>
  );
}
