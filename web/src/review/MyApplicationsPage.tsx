/**
 * /me/applications: every application of the signed-in person with its call, status and, once staff
 * finalise the selection, its outcome (selected, waitlisted with the position, not selected,
 * declined). A selected applicant may turn the place down, after confirming; the next person on
 * the waitlist then moves up.
 */
import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyApplicationSummaryT, MyApplicationsListT } from '../../../src/shared/contracts/selection';
import { post } from '../lib/api';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { seoulTime } from '../recruitment/call-status';
import { ConfirmDialog, SignedInOnly, StatusLine } from './parts';
import { standingKey } from './review-form';

export function MyApplicationsPage() {
  const { t } = useTranslation('review');
  return (
    <SignedInOnly title={t('applications.title')}>
      <MyApplications />
    </SignedInOnly>
  );
}

function MyApplications() {
  const { t } = useTranslation('review');
  const lang = useLang();
  const state = useApiGet<MyApplicationsListT>('/me/applications', [lang]);
  const [message, setMessage] = useState('');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('applications.title')}</Title>
        <Text mt="xs">{t('applications.intro')}</Text>
      </div>
      <StatusLine message={message} testId="applications-status" />
      <LoadState state={state}>
        {(data) =>
          data.applications.length === 0 ? (
            <Text>
              {t('applications.empty')}{' '}
              <Anchor component={Link} to="/calls" className="inline-link">
                {t('applications.toCalls')}
              </Anchor>
            </Text>
          ) : (
            <ul className="plain-list">
              {data.applications.map((app) => (
                <li key={app.id}>
                  <ApplicationCard
                    app={app}
                    onDeclined={async (text) => {
                      setMessage(text);
                      await state.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </Stack>
  );
}

function ApplicationCard({ app, onDeclined }: { app: MyApplicationSummaryT; onDeclined: (message: string) => Promise<void> }) {
  const { t } = useTranslation('review');
  const lang = useLang();
  const locText = useLocText();
  const [confirmOpen, setConfirmOpen] = useState(false);
  const headingId = `my-app-${app.id}`;
  const decline = async () => {
    await post(`/calls/${app.callId}/my-application/decline`);
    setConfirmOpen(false);
    await onDeclined(t('applications.declinedNow', { call: locText(app.callTitle) }));
  };
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId} data-testid={`my-application-${app.callId}`}>
      <Title order={2} size="h3" id={headingId} mb="xs">
        <Anchor component={Link} to={`/calls/${app.callId}`} className="inline-link">
          <Loc value={app.callTitle} />
        </Anchor>
      </Title>
      <dl className="facts">
        <div>
          <dt>{t('applications.standing')}</dt>
          <dd>
            <span className={`review-badge outcome-${app.outcome ?? app.status}`} data-testid="standing">
              {t(standingKey(app), { position: app.waitlistPosition ?? '' })}
            </span>
          </dd>
        </div>
        {app.submittedAt && (
          <div>
            <dt>{t('applications.submittedAt')}</dt>
            <dd>{seoulTime(app.submittedAt, lang)}</dd>
          </div>
        )}
        {app.outcomeAt && (
          <div>
            <dt>{t('applications.outcomeAt')}</dt>
            <dd>{seoulTime(app.outcomeAt, lang)}</dd>
          </div>
        )}
      </dl>
      {app.outcome === null && app.status === 'submitted' && (
        <Text size="sm" mt="xs">
          {t('applications.waiting')}
        </Text>
      )}
      {app.canDecline && (
        <Stack gap="xs" mt="sm" align="flex-start">
          <Text size="sm">{t('applications.declineNote')}</Text>
          <Button variant="outline" color="red.9" onClick={() => setConfirmOpen(true)}>
            {t('applications.decline')}
          </Button>
        </Stack>
      )}
      <ConfirmDialog opened={confirmOpen} title={t('applications.declineTitle')} confirmLabel={t('applications.declineConfirm')} onConfirm={decline} onClose={() => setConfirmOpen(false)}>
        {t('applications.declineBody', { call: locText(app.callTitle) })}
      </ConfirmDialog>
    </Paper>
  );
}
