/**
 * /me/courses: the cohorts I belong to (selected through a call, or enrolled in an open course), my
 * enrolments with their state (enrolled, waitlisted with the position, cancelled), the way to check
 * in, and my personal calendar feed.
 */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyCohortListT } from '../../../../src/shared/contracts/courses';
import type { MyEnrolmentsListT } from '../../../../src/shared/contracts/enrolment';
import { LoadState } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { SignedInOnly } from '../../review/parts';
import { cohortDates } from '../public/course-format';
import { Facts } from '../public/parts';
import { CalendarFeed } from './CalendarFeed';
import '../public/courses.css';
import { enumLabel } from '../../lib/labels';

export function MyCoursesPage() {
  const { t } = useTranslation('courses');
  return (
    <SignedInOnly title={t('me.list.title')}>
      <MyCourses />
    </SignedInOnly>
  );
}

function MyCourses() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const cohorts = useApiGet<MyCohortListT>('/me/cohorts', [lang]);
  const enrolments = useApiGet<MyEnrolmentsListT>('/me/enrolments', [lang]);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('me.list.title')}</Title>
        <Text mt="xs">{t('me.list.intro')}</Text>
        <Anchor component={Link} to="/me/checkin" className="course-action-link" mt="xs">
          {t('me.list.toCheckin')}
        </Anchor>
      </div>
      <section aria-labelledby="my-cohorts">
        <Title order={2} id="my-cohorts" mb="sm">
          {t('me.list.cohorts')}
        </Title>
        <LoadState state={cohorts}>
          {(data) =>
            data.cohorts.length === 0 ? (
              <Text>
                {t('me.list.noCohorts')}{' '}
                <Anchor component={Link} to="/courses" className="course-action-link">
                  {t('me.list.toCourses')}
                </Anchor>
              </Text>
            ) : (
              <ul className="course-list">
                {data.cohorts.map((c) => (
                  <li key={c.id}>
                    <Paper withBorder p="md" component="article" aria-labelledby={`my-cohort-${c.id}`} data-testid={`my-cohort-${c.id}`}>
                      <Title order={3} size="h4" id={`my-cohort-${c.id}`} mb="xs">
                        <Anchor component={Link} to={`/me/courses/${c.id}`} className="inline-link">
                          <Loc value={c.title} />
                        </Anchor>
                      </Title>
                      <Facts
                        facts={[
                          { key: 'programme', label: t('me.list.programme'), value: <Loc value={c.programme.title} /> },
                          { key: 'place', label: t('public.facts.place'), value: <Loc value={c.place} /> },
                          { key: 'dates', label: t('public.facts.dates'), value: cohortDates(c.startsOn, c.endsOn, lang) },
                          { key: 'via', label: t('me.list.via'), value: t(`me.list.via_${c.via}`) },
                        ]}
                      />
                    </Paper>
                  </li>
                ))}
              </ul>
            )
          }
        </LoadState>
      </section>
      <section aria-labelledby="my-enrolments">
        <Title order={2} id="my-enrolments" mb="sm">
          {t('me.list.enrolments')}
        </Title>
        <LoadState state={enrolments}>
          {(data) =>
            data.enrolments.length === 0 ? (
              <Text>{t('me.list.noEnrolments')}</Text>
            ) : (
              <ul className="course-list">
                {data.enrolments.map((e) => (
                  <li key={e.id}>
                    <Paper withBorder p="md" component="article" aria-labelledby={`my-enrolment-${e.id}`} data-testid={`my-enrolment-${e.cohortId}`}>
                      <Title order={3} size="h4" id={`my-enrolment-${e.id}`} mb="xs">
                        <Anchor component={Link} to={`/courses/${e.cohortId}`} className="inline-link">
                          <Loc value={e.cohort.title} />
                        </Anchor>
                      </Title>
                      <Facts
                        facts={[
                          {
                            key: 'standing',
                            label: t('me.list.standing'),
                            value: (
                              <span className={`course-badge course-badge-${e.status}`} data-testid="standing">
                                {e.status === 'waitlisted' ? t('public.enrol.waitlisted', { position: e.waitlistPosition ?? '' }) : enumLabel(t, 'enrolmentStatus', e.status)}
                              </span>
                            ),
                          },
                          { key: 'place', label: t('public.facts.place'), value: <Loc value={e.cohort.place} /> },
                          { key: 'dates', label: t('public.facts.dates'), value: cohortDates(e.cohort.startsOn, e.cohort.endsOn, lang) },
                        ]}
                      />
                    </Paper>
                  </li>
                ))}
              </ul>
            )
          }
        </LoadState>
      </section>
      <section aria-labelledby="my-calendar">
        <Title order={2} id="my-calendar" mb="sm">
          {t('me.calendar.title')}
        </Title>
        <CalendarFeed />
      </section>
    </Stack>
  );
}
