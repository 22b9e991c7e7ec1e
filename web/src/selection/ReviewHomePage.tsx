/** /admin/review: every call, each with links to its assignment, scores and selection; and the outbox. */
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useApiGet } from '../lib/useApiGet';

export function ReviewHomePage() {
  const { t } = useTranslation('selection');
  usePageTitle(t('home.title'));
  const calls = useApiGet<CallViewT[]>('/admin/calls');
  return (
    <Stack>
      <Title order={1}>{t('home.title')}</Title>
      <Text>{t('home.intro')}</Text>
      <Anchor component={Link} to="/admin/review/outbox" className="oc-review-nav-link">
        {t('nav.outbox')}
      </Anchor>
      <LoadState state={calls}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('home.empty')}</Text>
          ) : (
            <Stack component="ul" gap="sm" className="oc-plain-list">
              {list.map((call) => (
                <Paper component="li" withBorder p="md" key={call.id} aria-labelledby={`review-call-${call.id}`}>
                  <Title order={2} size="h4" id={`review-call-${call.id}`}>
                    <Loc value={call.title} />
                  </Title>
                  <Text size="sm" mb="xs">
                    {t('home.facts', { status: t(`home.status.${call.status}`), capacity: call.capacity })}
                  </Text>
                  <Group component="ul" gap="md" className="oc-plain-list">
                    <li>
                      <Anchor component={Link} to={`/admin/review/calls/${call.id}/assignment`} className="oc-review-nav-link">
                        {t('nav.assignment')}
                      </Anchor>
                    </li>
                    <li>
                      <Anchor component={Link} to={`/admin/review/calls/${call.id}/scores`} className="oc-review-nav-link">
                        {t('nav.scores')}
                      </Anchor>
                    </li>
                    <li>
                      <Anchor component={Link} to={`/admin/review/calls/${call.id}/selection`} className="oc-review-nav-link">
                        {t('nav.selection')}
                      </Anchor>
                    </li>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )
        }
      </LoadState>
    </Stack>
  );
}
