/** /admin/calls: every call, drafts included, with its status, window in Seoul time and capacity. */
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang, useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { CallStatus } from './CallNav';
import { formatSeoul } from './seoul-time';

export function CallListPage() {
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const localized = useLocalized();
  usePageTitle(t('list.title'));
  const state = useApiGet<CallViewT[]>('/admin/calls');
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('list.title')}</Title>
        <Button component={Link} to="/admin/calls/new">
          {t('list.new')}
        </Button>
      </Group>
      <Text>{t('list.intro')}</Text>
      <LoadState state={state}>
        {(calls) =>
          calls.length === 0 ? (
            <Text>{t('list.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table withTableBorder verticalSpacing="xs" captionSide="top">
                <Table.Caption>{t('list.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('fields.title')}</Table.Th>
                    <Table.Th scope="col">{t('fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('fields.window')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('fields.capacity')}
                    </Table.Th>
                    <Table.Th scope="col">{t('list.pages')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {calls.map((call) => (
                    <Table.Tr key={call.id} data-call-id={call.id}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/admin/calls/${call.id}`}>
                          <Loc value={call.title} />
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        <CallStatus status={call.status} />
                      </Table.Td>
                      <Table.Td>{t('list.window', { opens: formatSeoul(call.opensAt, lang), closes: formatSeoul(call.closesAt, lang) })}</Table.Td>
                      <Table.Td className="oc-num">{call.capacity}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/calls/${call.id}/applications`} aria-label={t('list.applicationsOf', { title: localized(call.title).text })}>
                          {t('tabs.applications')}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </LoadState>
    </Stack>
  );
}
