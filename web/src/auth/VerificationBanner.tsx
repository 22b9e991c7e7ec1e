import { Alert, Button, Container, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../lib/api';
import { useSession } from '../lib/session';

/**
 * Shown on every page while the signed-in account's address is not confirmed: what it blocks, and
 * "send again". Without a mail server the link waits in the outbox, where staff can pass it on.
 */
export function VerificationBanner() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (!me?.user || me.user.emailVerified) return null;
  const resend = async () => {
    setState('sending');
    try {
      await post('/me/verification-mail');
      setState('sent');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error.network'));
      setState('error');
    }
  };
  return (
    <Container size="lg" pt="md">
      <Alert color="campus" variant="outline" title={t('verification.pendingTitle')} data-testid="verification-banner">
        <Text size="sm">{t('verification.pending', { email: me.user.email })}</Text>
        <Group gap="sm" mt="xs" align="center">
          <Button size="sm" variant="outline" onClick={() => void resend()} loading={state === 'sending'}>
            {t('verification.resend')}
          </Button>
          <Text size="sm" role="status">
            {state === 'sent' ? t('verification.resent') : state === 'error' ? error : ''}
          </Text>
        </Group>
      </Alert>
    </Container>
  );
}
