import { Anchor, Card, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BudgetViewT } from '../../../src/shared/contracts/plan';
import { usePageTitle } from '../app/usePageTitle';
import { get } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { useLoad, useLoadErrorText } from '../lib/useApiGet';
import { formatRate, formatThousandKrw } from './components/format';

function BudgetSummary({ budget }: { budget: BudgetViewT }) {
  const { t } = useTranslation('admin');
  const lang = useLang();
  const rate = budget.executionRate ?? null;
  const rateText = formatRate(rate, lang) ?? t('budget.noRate');
  return (
    <Card withBorder component="section" aria-labelledby="dashboard-budget">
      <Title order={2} size="h3" id="dashboard-budget">
        {t('dashboard.budgetHeading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm" mb={0} component="dl">
        <div>
          <Text component="dt" size="sm">
            {t('dashboard.planned')}
          </Text>
          <Text component="dd" fw={700} size="xl" m={0}>
            {t('common.thousandWon', { amount: formatThousandKrw(budget.planned) })}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('dashboard.actual')}
          </Text>
          <Text component="dd" fw={700} size="xl" m={0}>
            {t('common.thousandWon', { amount: formatThousandKrw(budget.actual ?? 0) })}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('dashboard.rate')}
          </Text>
          <Text component="dd" fw={700} size="xl" m={0}>
            {rateText}
          </Text>
        </div>
      </SimpleGrid>
      <Progress value={Math.min(100, rate ?? 0)} mt="md" size="lg" aria-label={t('dashboard.rateBar', { rate: rateText })} />
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation('admin');
  const { isAdmin } = useSession();
  usePageTitle(t('dashboard.title'));
  const loadError = useLoadErrorText();
  const budget = useLoad(() => get<BudgetViewT>('/budget'));
  const pages = [
    { to: '/admin/plan', title: t('nav.plan'), body: t('dashboard.planBody') },
    { to: '/admin/budget', title: t('nav.budget'), body: t('dashboard.budgetBody') },
    { to: '/admin/audit', title: t('nav.audit'), body: t('dashboard.auditBody') },
    ...(isAdmin ? [{ to: '/admin/users', title: t('nav.users'), body: t('dashboard.usersBody') }] : []),
  ];
  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      <ErrorSummary title={loadError(budget.error)} />
      {budget.data ? <BudgetSummary budget={budget.data} /> : budget.loading && <Loading />}
      <section aria-labelledby="dashboard-pages">
        <Title order={2} size="h3" id="dashboard-pages" mb="sm">
          {t('dashboard.pagesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {pages.map((p) => (
            <Card withBorder component="li" key={p.to}>
              <Anchor component={Link} to={p.to} fw={700} size="lg">
                {p.title}
              </Anchor>
              <Text size="sm" mt={4}>
                {p.body}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
