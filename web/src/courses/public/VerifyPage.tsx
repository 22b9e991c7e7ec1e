/**
 * /verify/:token: anyone holding a certificate's verification link (printed on the PDF) sees whether
 * it is valid or revoked, with the holder's name, the programme, the cohort, its days and the issue
 * date — nothing more. A link that matches no certificate says so plainly.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CertificateVerificationT } from '../../../../src/shared/contracts/attendance';
import { usePageTitle } from '../../app/usePageTitle';
import { ApiError } from '../../lib/api';
import { LoadError, Loading } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { scriptLang, useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { cohortDates, seoulDate } from './course-format';
import { Facts } from './parts';
import './courses.css';

export default function VerifyPage() {
  const { t } = useTranslation('courses');
  const { token = '' } = useParams();
  const lang = useLang();
  usePageTitle(t('public.verify.title'));
  const state = useApiGet<CertificateVerificationT>(`/certificates/verify/${encodeURIComponent(token)}`, [lang]);
  const unknown = state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400);
  let body;
  if (unknown) {
    body = (
      <Alert role="alert" color="red.9" variant="outline" title={t('public.verify.unknownTitle')} data-testid="verify-result">
        {t('public.verify.unknown')}
      </Alert>
    );
  } else if (state.error !== undefined) {
    body = <LoadError error={state.error} onRetry={() => void state.reload()} />;
  } else if (state.data === undefined) {
    body = <Loading />;
  } else {
    const c = state.data;
    const valid = c.status === 'valid';
    body = (
      <Stack gap="md">
        <Text role="status" className={`checkin-result ${valid ? 'checkin-result-ok' : 'checkin-result-fail'}`} fw={700} data-testid="verify-result">
          {valid ? t('public.verify.valid') : t('public.verify.revoked')}
        </Text>
        <Facts
          testId="verify-facts"
          facts={[
            { key: 'holder', label: t('public.verify.holder'), value: <span lang={scriptLang(c.holderName, lang)}>{c.holderName}</span> },
            { key: 'programme', label: t('public.verify.programme'), value: <Loc value={c.programme} /> },
            { key: 'cohort', label: t('public.verify.cohort'), value: <Loc value={c.cohort} /> },
            { key: 'dates', label: t('public.verify.dates'), value: cohortDates(c.startsOn, c.endsOn, lang) },
            { key: 'issued', label: t('public.verify.issued'), value: seoulDate(c.issuedAt, lang) },
            { key: 'status', label: t('public.verify.status'), value: <span className={`course-badge course-badge-${c.status}`}>{t(`public.verify.status_${c.status}`)}</span> },
          ]}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('public.verify.title')}</Title>
        <Text mt="xs">{t('public.verify.intro')}</Text>
      </div>
      {body}
    </Stack>
  );
}
