/** /calls: the published calls for applications, each with its period in Seoul time and whether it is open. */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicCallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useApiGet } from '../lib/useApiGet';
import { useLang } from '../lib/text';
import { windowStatus } from './call-status';
import { CallFacts } from './CallSummary';
import './recruitment.css';

export function CallsPage() {
  const { t } = useTranslation('recruitment');
  usePageTitle(t('list.title'));
  const lang = useLang();
  const state = useApiGet<PublicCallViewT[]>('/calls', [lang]);
  const now = new Date();
  return (
    <Stack gap="md">
      <Title order={1}>{t('list.title')}</Title>
      <Text>{t('list.intro')}</Text>
      <LoadState state={state}>
        {(calls) =>
          calls.length === 0 ? (
            <Text>{t('list.empty')}</Text>
          ) : (
            <ul className="call-list">
              {calls.map((call) => (
                <li key={call.id}>
                  <Paper withBorder p="md" component="article" aria-labelledby={`call-${call.id}`}>
                    <Title order={2} size="h3" id={`call-${call.id}`} mb="xs">
                      <Anchor component={Link} to={`/calls/${call.id}`} className="inline-link">
                        <Loc value={call.title} />
                      </Anchor>
                    </Title>
                    <CallFacts call={call} status={windowStatus(call, now)} />
                  </Paper>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </Stack>
  );
}
