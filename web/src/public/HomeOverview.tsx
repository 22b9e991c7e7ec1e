/** For a signed-in person, the top of the home page: their next session, their applications and reviews to do. */
import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sessionWhen } from '../courses/public/course-format';
import { Loc } from '../lib/Localized';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { standingKey } from '../review/review-form';

export function HomeOverview() {
  const { t } = useTranslation();
  const lang = useLang();
  // The layout reads the overview again on every page, this one included.
  const { me, overview } = useSession();
  if (!me?.user || !overview) return null;
  const next = overview.nextSession;
  const roles = me.user.roles;
  const reviewer = roles.includes('reviewer') || overview.reviews.reviewer;
  return (
    <section aria-labelledby="home-mine">
      <Title order={2} id="home-mine" mb="xs">
        {t('home.mine.title')}
      </Title>
      <Stack gap="md">
        <Card withBorder padding="md" data-testid="home-next-session">
          <Title order={3} size="h4" mb="xs">
            {t('home.mine.next')}
          </Title>
          {next ? (
            <>
              <Text fw={600}>
                <Anchor component={Link} to={next.as === 'participant' ? `/me/courses/${next.cohort.id}` : `/courses/${next.cohort.id}`} className="inline-link">
                  <Loc value={next.title} />
                </Anchor>
              </Text>
              <Text size="sm">{sessionWhen(next.startsAt, next.endsAt, lang)}</Text>
              <Text size="sm" c="dimmed">
                <Loc value={next.cohort.title} />
                {next.as === 'lecturer' && ` · ${t('home.mine.asLecturer')}`}
              </Text>
            </>
          ) : (
            <Text>{t('home.mine.noNext')}</Text>
          )}
        </Card>
        {overview.applications.length > 0 && (
          <Card withBorder padding="md" data-testid="home-applications">
            <Title order={3} size="h4" mb="xs">
              {t('home.mine.applications')}
            </Title>
            <ul className="home-list">
              {overview.applications.map((a) => (
                <li key={a.id}>
                  <Loc value={a.callTitle} />
                  {' — '}
                  <span data-testid="home-standing">{t(`review:${standingKey(a)}`, { position: a.waitlistPosition ?? '' })}</span>
                </li>
              ))}
            </ul>
            <Anchor component={Link} to="/me/applications" className="inline-link" mt="xs" display="inline-block">
              {t('home.mine.allApplications')}
            </Anchor>
          </Card>
        )}
        {reviewer && (
          <Card withBorder padding="md" data-testid="home-reviews">
            <Title order={3} size="h4" mb="xs">
              {t('home.mine.reviews')}
            </Title>
            <Text>{t('home.mine.reviewsToDo', { count: overview.reviews.toDo })}</Text>
            <Anchor component={Link} to="/me/reviews" className="inline-link">
              {t('home.mine.toReviews')}
            </Anchor>
          </Card>
        )}
      </Stack>
    </section>
  );
}
