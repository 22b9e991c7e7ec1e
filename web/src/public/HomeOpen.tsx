/**
 * The home page's "what can I do now" part: open calls and open courses with their dates and a
 * button each, and what is coming up on the campus. Upcoming items are rendered by kind
 * (UPCOMING_RENDERERS): a new kind in the contract (events) adds its renderer there.
 */
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicProgrammeListT } from '../../../src/shared/contracts/courses';
import type { UpcomingItemT, UpcomingListT } from '../../../src/shared/contracts/home';
import type { PublicCallViewT } from '../../../src/shared/contracts/recruitment';
import { cohortDates, enrolmentWindow, sessionWhen } from '../courses/public/course-format';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { seoulTime, windowStatus } from '../recruitment/call-status';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

function OpenCalls() {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApiGet<PublicCallViewT[]>('/calls', [lang]);
  return (
    <Section id="home-open-calls" title={t('home.open.calls')}>
      <LoadState state={state}>
        {(calls) => {
          const now = new Date();
          const open = calls.filter((c) => windowStatus(c, now) !== 'closed');
          if (open.length === 0) return <Text>{t('home.open.noCalls')}</Text>;
          return (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" className="home-list">
              {open.map((c) => (
                <Card key={c.id} withBorder padding="md" component="li" data-testid="home-call">
                  <Title order={3} size="h4" mb="xs">
                    <Loc value={c.title} />
                  </Title>
                  <Text size="sm">{t(windowStatus(c, now) === 'open' ? 'home.open.closesAt' : 'home.open.opensAt', { when: seoulTime(windowStatus(c, now) === 'open' ? c.closesAt : c.opensAt, lang) })}</Text>
                  <Group mt="sm">
                    <Button component={Link} to={`/calls/${c.id}`} size="sm">
                      {windowStatus(c, now) === 'open' ? t('home.open.apply') : t('home.open.details')}
                    </Button>
                  </Group>
                </Card>
              ))}
            </SimpleGrid>
          );
        }}
      </LoadState>
    </Section>
  );
}

function OpenCourses() {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApiGet<PublicProgrammeListT>('/programmes', [lang]);
  return (
    <Section id="home-open-courses" title={t('home.open.courses')}>
      <LoadState state={state}>
        {(data) => {
          const now = new Date();
          const cohorts = data.programmes.flatMap((p) => p.cohorts.filter((c) => c.status === 'published').map((c) => ({ c, p })));
          if (cohorts.length === 0) return <Text>{t('home.open.noCourses')}</Text>;
          return (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" className="home-list">
              {cohorts.map(({ c, p }) => {
                const enrol = c.enrolmentMode === 'open' && enrolmentWindow(c, now) === 'open';
                return (
                  <Card key={c.id} withBorder padding="md" component="li" data-testid="home-cohort">
                    <Title order={3} size="h4" mb="xs">
                      <Loc value={c.title} />
                    </Title>
                    <Text size="sm" c="dimmed">
                      <Loc value={p.title} />
                    </Text>
                    <Text size="sm">{cohortDates(c.startsOn, c.endsOn, lang)}</Text>
                    <Group mt="sm">
                      <Button component={Link} to={`/courses/${c.id}`} size="sm" variant={enrol ? 'filled' : 'outline'}>
                        {enrol ? t('home.open.enrol') : t('home.open.details')}
                      </Button>
                    </Group>
                  </Card>
                );
              })}
            </SimpleGrid>
          );
        }}
      </LoadState>
    </Section>
  );
}

type Renderers = { [K in UpcomingItemT['kind']]: (item: Extract<UpcomingItemT, { kind: K }>, lang: 'ko' | 'en') => ReactNode };
/** One renderer per kind of upcoming item; the type makes a new kind without one a compile error. */
const UPCOMING_RENDERERS: Renderers = {
  session: (s, lang) => (
    <>
      <Text fw={600}>
        <Link to={`/courses/${s.cohort.id}`} className="inline-link">
          <Loc value={s.title} />
        </Link>
      </Text>
      <Text size="sm">{sessionWhen(s.startsAt, s.endsAt, lang)}</Text>
      <Text size="sm" c="dimmed">
        <Loc value={s.cohort.title} />
        {s.place && (
          <>
            {' · '}
            {s.place.name && (
              <>
                <Loc value={s.place.name} />{' '}
              </>
            )}
            <Loc value={s.place.place} />
          </>
        )}
      </Text>
    </>
  ),
};

function Upcoming() {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApiGet<UpcomingListT>('/upcoming', [lang]);
  return (
    <Section id="home-upcoming" title={t('home.upcoming.title')}>
      <LoadState state={state}>
        {(data) =>
          data.items.length === 0 ? (
            <Text>{t('home.upcoming.none')}</Text>
          ) : (
            <Stack component="ul" className="home-list" gap="sm">
              {data.items.map((item) => (
                <li key={`${item.kind}-${item.id}`} data-testid="home-upcoming">
                  {UPCOMING_RENDERERS[item.kind](item, lang)}
                </li>
              ))}
            </Stack>
          )
        }
      </LoadState>
    </Section>
  );
}

export function HomeOpen() {
  return (
    <Stack gap="xl">
      <OpenCalls />
      <OpenCourses />
      <Upcoming />
    </Stack>
  );
}
