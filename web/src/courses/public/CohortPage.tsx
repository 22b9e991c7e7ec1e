/**
 * /courses/:cohortId: one published cohort as the public sees it — its facts, what completing it
 * takes, the curriculum with every session's type, time in Seoul, place and lecturers, a link to the
 * course calendar, and for open cohorts enrolment (or the waitlist when full).
 */
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CompletionRuleT, PublicCohortViewT } from '../../../../src/shared/contracts/courses';
import { usePageTitle } from '../../app/usePageTitle';
import { LoadState } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { EnrolPanel } from './EnrolPanel';
import { Curriculum, Facts, useCohortFacts } from './parts';
import './courses.css';

/** The programme's completion rule in words: "attend at least 80% …", "attend every field study", "submit a report". */
export function CompletionRuleText({ rule }: { rule: CompletionRuleT }) {
  const { t } = useTranslation('courses');
  const items = [
    rule.minAttendanceRate > 0 ? t('public.completion.attendance', { percent: Math.round(rule.minAttendanceRate * 100) }) : null,
    ...rule.requiredSessionTypes.map((type) => t('public.completion.sessionType', { type: t(`public.sessionType.${type}`) })),
    rule.requireExperimentReport ? t('public.completion.report') : null,
  ].filter((x): x is string => x !== null);
  if (items.length === 0) return <Text>{t('public.completion.none')}</Text>;
  return (
    <List>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

/** The course's own calendar (public for published cohorts): every session, kept up to date when times move. */
export function CalendarLink({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('courses');
  return (
    <Text>
      <Anchor href={`/api/v1/calendars/cohorts/${encodeURIComponent(cohortId)}.ics`} className="course-action-link" data-testid="course-calendar">
        {t('public.calendar.link')}
      </Anchor>{' '}
      <Text span size="sm">
        {t('public.calendar.note')}
      </Text>
    </Text>
  );
}

function CohortView({ view }: { view: PublicCohortViewT }) {
  const { t } = useTranslation('courses');
  const cohortFacts = useCohortFacts();
  const { cohort, programme } = view;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/courses" className="course-action-link">
          {t('public.cohort.back')}
        </Anchor>
        <Title order={1} mt="xs">
          <Loc value={cohort.title} />
        </Title>
        <Text mt="xs">
          <Loc value={programme.title} />
        </Text>
      </div>
      <Facts facts={cohortFacts(cohort, new Date())} testId="cohort-facts" />
      <section aria-labelledby="cohort-about">
        <Title order={2} id="cohort-about" mb="xs">
          {t('public.cohort.about')}
        </Title>
        <Text className="course-text">
          <Loc value={programme.description} />
        </Text>
      </section>
      <section aria-labelledby="cohort-join">
        <Title order={2} id="cohort-join" mb="xs">
          {cohort.enrolmentMode === 'open' ? t('public.enrol.title') : t('public.cohort.howToJoin')}
        </Title>
        {cohort.enrolmentMode === 'open' ? (
          <EnrolPanel cohort={cohort} />
        ) : (
          <Text>
            {t('public.enrolment.bySelectionLong')}{' '}
            <Anchor component={Link} to="/calls" className="course-action-link">
              {t('public.cohort.toCalls')}
            </Anchor>
          </Text>
        )}
      </section>
      <section aria-labelledby="cohort-completion">
        <Title order={2} id="cohort-completion" mb="xs">
          {t('public.completion.title')}
        </Title>
        <CompletionRuleText rule={programme.completionRule} />
      </section>
      <section aria-labelledby="cohort-curriculum">
        <Title order={2} id="cohort-curriculum" mb="xs">
          {t('public.curriculum.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('public.curriculum.timeZone')}
        </Text>
        <Stack gap="sm" mb="md">
          <CalendarLink cohortId={cohort.id} />
        </Stack>
        <Curriculum modules={view.modules} sessions={view.sessions} />
      </section>
    </Stack>
  );
}

export function CohortPage() {
  const { t } = useTranslation('courses');
  const { cohortId = '' } = useParams();
  const lang = useLang();
  const state = useApiGet<PublicCohortViewT>(`/cohorts/${encodeURIComponent(cohortId)}`, [lang]);
  const locText = useLocText();
  usePageTitle(state.data ? locText(state.data.cohort.title) : t('public.list.title'));
  return (
    <Stack gap="md">
      {state.data === undefined && <Title order={1}>{t('public.list.title')}</Title>}
      <LoadState state={state}>{(view) => <CohortView view={view} />}</LoadState>
    </Stack>
  );
}
