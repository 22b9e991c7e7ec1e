/**
 * /courses: the programmes (the top-innovator course, the citizen-innovator course) with their
 * published cohorts — place, days, capacity, and for open cohorts the seats and the enrolment window.
 */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicProgrammeListT } from '../../../../src/shared/contracts/courses';
import { usePageTitle } from '../../app/usePageTitle';
import { LoadState } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useSession } from '../../lib/session';
import { useApiGet } from '../../lib/useApiGet';
import { Facts, useCohortFacts } from './parts';
import './courses.css';

export function CoursesPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('public.list.title'));
  const lang = useLang();
  const state = useApiGet<PublicProgrammeListT>('/programmes', [lang]);
  const cohortFacts = useCohortFacts();
  const { me } = useSession();
  const now = new Date();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('public.list.title')}</Title>
        <Text mt="xs">{t('public.list.intro')}</Text>
        {me?.user && (
          <Anchor component={Link} to="/me/courses" className="course-action-link" mt="xs">
            {t('public.list.myCourses')}
          </Anchor>
        )}
      </div>
      <LoadState state={state}>
        {({ programmes }) =>
          programmes.length === 0 ? (
            <Text>{t('public.list.empty')}</Text>
          ) : (
            <Stack gap="xl">
              {programmes.map((p) => (
                <section key={p.id} aria-labelledby={`programme-${p.id}`} data-testid={`programme-${p.id}`}>
                  <Title order={2} id={`programme-${p.id}`} mb="xs">
                    <Loc value={p.title} />
                  </Title>
                  <Text className="course-text" mb="sm">
                    <Loc value={p.description} />
                  </Text>
                  {p.cohorts.length === 0 ? (
                    <Text>{t('public.list.noCohorts')}</Text>
                  ) : (
                    <ul className="course-list">
                      {p.cohorts.map((c) => (
                        <li key={c.id}>
                          <Paper withBorder p="md" component="article" aria-labelledby={`cohort-${c.id}`} data-testid={`cohort-${c.id}`}>
                            <Title order={3} size="h4" id={`cohort-${c.id}`} mb="xs">
                              <Anchor component={Link} to={`/courses/${c.id}`} className="inline-link">
                                <Loc value={c.title} />
                              </Anchor>
                            </Title>
                            <Facts facts={cohortFacts(c, now)} />
                          </Paper>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </Stack>
          )
        }
      </LoadState>
    </Stack>
  );
}
