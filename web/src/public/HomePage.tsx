/** The campus in one page: what the plan wants, its goals and three pillars, the money, and where to read more. */
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanViewT } from '../../../src/shared/contracts/plan';
import { formatThousandKrw } from '../../../src/core/budget/money';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useApiGet } from '../lib/useApiGet';
import { HomeOpen } from './HomeOpen';
import { HomeOverview } from './HomeOverview';

function HomeContent({ plan }: { plan: PlanViewT }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Text fw={700} c="campus.8">
          <Loc value={plan.title} />
        </Text>
        <Text size="lg">
          <Loc value={plan.purpose} />
        </Text>
      </Stack>

      <section aria-labelledby="home-vision">
        <Title order={2} id="home-vision" mb="xs">
          {t('home.vision')}
        </Title>
        <Text size="lg" fw={500}>
          <Loc value={plan.vision} />
        </Text>
      </section>

      <section aria-labelledby="home-goals">
        <Title order={2} id="home-goals" mb="xs">
          {t('home.goals')}
        </Title>
        <List type="ordered" spacing="xs">
          {plan.goals.map((goal, i) => (
            <List.Item key={i}>
              <Loc value={goal} />
            </List.Item>
          ))}
        </List>
      </section>

      <section aria-labelledby="home-pillars">
        <Title order={2} id="home-pillars" mb="xs">
          {t('home.pillars')}
        </Title>
        <Text mb="sm">
          <Loc value={plan.direction} />
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {plan.pillars.map((pillar) => (
            <Card key={pillar.key} withBorder padding="md" component="article" aria-labelledby={`pillar-${pillar.key}`}>
              <Title order={3} size="h4" id={`pillar-${pillar.key}`} mb="xs">
                <Loc value={pillar.title} />
              </Title>
              <List spacing="xs" size="sm">
                {pillar.points.map((point, i) => (
                  <List.Item key={i}>
                    <Loc value={point} />
                  </List.Item>
                ))}
              </List>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="home-budget">
        <Title order={2} id="home-budget" mb="xs">
          {t('home.budget')}
        </Title>
        <Text size="lg">{t('home.budgetTotal', { amount: formatThousandKrw(plan.budgetTotal) })}</Text>
      </section>

      <nav aria-labelledby="home-more">
        <Title order={2} id="home-more" mb="xs">
          {t('home.more')}
        </Title>
        <List spacing="xs">
          <List.Item>
            <Anchor component={Link} to="/plan" className="inline-link">
              {t('home.linkPlan')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/schedule" className="inline-link">
              {t('home.linkSchedule')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/budget" className="inline-link">
              {t('home.linkBudget')}
            </Anchor>
          </List.Item>
        </List>
      </nav>
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.home'));
  const state = useApiGet<PlanViewT>('/plan');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('home.title')}</Title>
      <HomeOverview />
      <HomeOpen />
      <LoadState state={state}>{(plan) => <HomeContent plan={plan} />}</LoadState>
    </Stack>
  );
}
