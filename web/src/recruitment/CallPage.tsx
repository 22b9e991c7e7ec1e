/**
 * /calls/:id: one call as applicants need it — what it is, who may apply, the period, the consent
 * notice as PIPA §15② and §22 ask (required and optional items apart, each with purpose, items,
 * retention and the right to refuse), then the application form for signed-in people.
 */
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ConsentItem } from '../../../src/core/recruitment/answers';
import type { PublicCallViewT } from '../../../src/shared/contracts/recruitment';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/useApiGet';
import { ApplicationForm } from './ApplicationForm';
import { windowStatus } from './call-status';
import { consentGroups } from './consent';
import { signInPath } from './sign-in-return';
import { CallFacts } from './CallSummary';
import './recruitment.css';


function ConsentNotice({ items }: { items: readonly ConsentItem[] }) {
  const { t } = useTranslation('recruitment');
  const groups = consentGroups(items);
  const group = (kind: 'required' | 'optional', list: readonly ConsentItem[]) =>
    list.length > 0 && (
      <section aria-labelledby={`consent-${kind}`}>
        <Title order={3} id={`consent-${kind}`} mb="xs">
          {t(`consent.${kind}`)}
        </Title>
        {kind === 'optional' && <Text mb="xs">{t('consent.optionalNote')}</Text>}
        <Stack gap="sm">
          {list.map((item, i) => (
            <Paper key={item.key} withBorder p="sm" className="consent-item" id={`consent-notice-${item.key}`}>
              <Title order={4} size="h5">
                {t('consent.itemHeading', { tag: t(kind === 'required' ? 'consent.tagRequired' : 'consent.tagOptional'), n: i + 1 })}
              </Title>
              <dl>
                <dt>{t('consent.purpose')}</dt>
                <dd>
                  <Loc value={item.purpose} />
                </dd>
                <dt>{t('consent.items')}</dt>
                <dd>
                  <Loc value={item.items} />
                </dd>
                <dt>{t('consent.retention')}</dt>
                <dd>
                  <Loc value={item.retention} />
                </dd>
                <dt>{t('consent.refusal')}</dt>
                <dd>
                  <Loc value={item.refusal} />
                </dd>
              </dl>
            </Paper>
          ))}
        </Stack>
      </section>
    );
  return (
    <section aria-labelledby="consent-title">
      <Title order={2} id="consent-title" mb="xs">
        {t('consent.title')}
      </Title>
      <Text mb="sm">{t('consent.intro')}</Text>
      <Stack gap="md">
        {group('required', groups.required)}
        {group('optional', groups.optional)}
      </Stack>
    </section>
  );
}

function CallView({ call }: { call: PublicCallViewT }) {
  const { t } = useTranslation('recruitment');
  const { me } = useSession();
  const status = windowStatus(call, new Date());
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/calls" className="inline-link">
          {t('call.back')}
        </Anchor>
        <Title order={1} mt="xs">
          <Loc value={call.title} />
        </Title>
      </div>
      <CallFacts call={call} status={status} />
      <section aria-labelledby="call-description">
        <Title order={2} id="call-description" mb="xs">
          {t('call.description')}
        </Title>
        <Text className="call-text">
          <Loc value={call.description} />
        </Text>
      </section>
      {call.eligibility && (
        <section aria-labelledby="call-eligibility">
          <Title order={2} id="call-eligibility" mb="xs">
            {t('call.eligibility')}
          </Title>
          <Text className="call-text">
            <Loc value={call.eligibility} />
          </Text>
        </section>
      )}
      {call.consentItems.length > 0 && <ConsentNotice items={call.consentItems} />}
      <section aria-labelledby="application-title">
        <Title order={2} id="application-title" mb="sm">
          {t('form.title')}
        </Title>
        {me?.user ? (
          <ApplicationForm call={call} status={status} />
        ) : (
          <Alert color="campus" variant="outline">
            <Text mb="xs">{t('form.signInNeeded')}</Text>
            <Anchor component={Link} to={signInPath(`/calls/${call.id}`)} className="inline-link" mr="md">
              {t('form.signIn')}
            </Anchor>
            <Anchor component={Link} to="/sign-up" className="inline-link">
              {t('form.signUp')}
            </Anchor>
          </Alert>
        )}
      </section>
    </Stack>
  );
}

export function CallPage() {
  const { t } = useTranslation('recruitment');
  const { id = '' } = useParams();
  // The call comes in both languages, so a language switch re-renders it without a reload — which
  // would also reset the application form and lose what was typed since the last autosave.
  const state = useApiGet<PublicCallViewT>(`/calls/${encodeURIComponent(id)}`);
  const locText = useLocText();
  usePageTitle(state.data ? locText(state.data.title) : t('list.title'));
  return (
    <Stack gap="md">
      {state.data === undefined && <Title order={1}>{t('list.title')}</Title>}
      <LoadState state={state}>{(call) => <CallView call={call} />}</LoadState>
    </Stack>
  );
}
