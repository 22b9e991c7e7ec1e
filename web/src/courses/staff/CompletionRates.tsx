/**
 * The attendance rates of a cohort on its completion page: the cohort's rate and one row per
 * session. They count every member and name no one, so they come from the rates-only route.
 */
import { Box, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CohortRatesViewT } from '../../../../src/shared/contracts/attendance';
import { LoadState } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { formatDay, formatPercent, seoulDay, seoulTime } from './format';

export function CompletionRates({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('courses');
  const state = useApiGet<CohortRatesViewT>(`/admin/cohorts/${cohortId}/attendance-rates`);
  return (
    <Box component="section" aria-labelledby="rates-heading">
      <Title order={2} size="h3" id="rates-heading" mb="xs">
        {t('staff.completion.rates.heading')}
      </Title>
      <LoadState state={state}>{(data) => <Rates data={data} />}</LoadState>
    </Box>
  );
}

function Rates({ data }: { data: CohortRatesViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const none = t('staff.common.none');
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.cohortRate')}
          </Text>
          <Text component="dd" fw={700} m={0} data-testid="cohort-rate">
            {formatPercent(data.cohort.rate, lang) ?? none}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.presentDue')}
          </Text>
          <Text component="dd" fw={700} m={0}>
            {t('staff.completion.rates.presentDueValue', { present: data.cohort.present, due: data.cohort.due })}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.at')}
          </Text>
          <Text component="dd" fw={700} m={0}>
            {formatDay(seoulDay(data.at), lang)}
          </Text>
        </div>
      </SimpleGrid>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="rates-sessions">
          <Table.Caption>{t('staff.completion.rates.sessionsCaption', { count: data.sessions.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.session.title')}</Table.Th>
              <Table.Th scope="col">{t('staff.session.startsAt')}</Table.Th>
              <Table.Th scope="col" className="oc-num">
                {t('staff.completion.rates.presentDue')}
              </Table.Th>
              <Table.Th scope="col" className="oc-num">
                {t('staff.completion.rates.rate')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.sessions.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Th scope="row" fw={400}>
                  <Loc value={s.title} />
                </Table.Th>
                <Table.Td>{s.startsAt ? <time dateTime={s.startsAt}>{t('staff.session.timeValue', { day: formatDay(seoulDay(s.startsAt), lang), time: s.endsAt ? `${seoulTime(s.startsAt)}\u2013${seoulTime(s.endsAt)}` : seoulTime(s.startsAt) })}</time> : t('staff.session.untimed')}</Table.Td>
                <Table.Td className="oc-num">{s.started ? t('staff.completion.rates.presentDueValue', { present: s.present, due: s.due }) : t('staff.completion.rates.notStarted')}</Table.Td>
                <Table.Td className="oc-num">{formatPercent(s.rate, lang) ?? none}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
