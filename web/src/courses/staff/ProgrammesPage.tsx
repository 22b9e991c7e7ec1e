/**
 * /admin/courses: the programmes (the plan's top-innovator and citizen-innovator courses) and their
 * cohorts with place, dates, capacity, enrolment mode and status; staff add and edit cohorts here,
 * and the rooms sessions can use.
 */
import { Anchor, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CohortListT, CohortViewT, ProgrammeListT, ProgrammeViewT } from '../../../../src/shared/contracts/courses';
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

export function ProgrammesPage() {
  const { t } = useTranslation('courses');
  const text = useLocText();
  usePageTitle(t('staff.programmes.title'));
  const programmes = useApiGet<ProgrammeListT>('/admin/programmes');
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
      <LoadState state={programmes}>
        {(p) =>
          p.programmes.length === 0 ? (
            <Text>{t('staff.programmes.empty')}</Text>
          ) : (
            <Stack gap="xl">
              {p.programmes.map((programme) => (
                <Box component="section" key={programme.id} aria-labelledby={`programme-${programme.id}`}>
                  <Group justify="space-between" align="flex-end" mb="xs">
                    <div>
                      <Title order={2} size="h3" id={`programme-${programme.id}`}>
                        <Loc value={programme.title} />
                      </Title>
                      <Text size="sm">{enumLabel(t, 'programmeKind', programme.kind)}</Text>
                      <CompletionRuleText programme={programme} />
                    </div>
                    <Button onClick={() => setMode({ kind: 'add', programme })} aria-label={t('staff.programmes.addCohortLabel', { programme: text(programme.title) })}>
                      {t('staff.programmes.addCohort')}
                    </Button>
                  </Group>
                  <LoadState state={cohorts}>
                    {(c) => (
                      <CohortTable
                        programme={programme}
                        cohorts={c.cohorts.filter((x) => x.programmeId === programme.id)}
                        onEdit={(cohort) => setMode({ kind: 'edit', cohort, programme })}
                      />
                    )}
                  </LoadState>
                </Box>
              ))}
            </Stack>
          )
        }
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
