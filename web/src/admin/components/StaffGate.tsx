import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../lib/LoadState';
import { useSession } from '../../lib/session';

function Refusal({ message, withSignIn }: { message: string; withSignIn: boolean }) {
  const { t } = useTranslation('admin');
  usePageTitle(t('title'));
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Text>{message}</Text>
      {withSignIn && (
        <Anchor component={Link} to="/sign-in">
          {t('gate.signIn')}
        </Anchor>
      )}
    </Stack>
  );
}

function TwoFactorGuidance() {
  const { t } = useTranslation('admin');
  usePageTitle(t('title'));
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Alert color="campus" variant="outline" title={t('gate.twoFactorTitle')}>
        <Text mb="xs">{t('gate.twoFactorBody')}</Text>
        <Anchor component={Link} to="/me/account#two-factor" className="inline-link">
          {t('gate.twoFactorLink')}
        </Anchor>
      </Alert>
    </Stack>
  );
}

/**
 * Shows the admin pages only to staff (or only to admins). This is for the reader's sake: the
 * server refuses every admin request from anyone else regardless.
 */
export function StaffGate({ adminOnly = false, children }: { adminOnly?: boolean; children: ReactNode }) {
  const { t } = useTranslation('admin');
  const { me, loading, isStaff, isAdmin } = useSession();
  if (loading && !me) return <Loading />;
  if (!me?.user) return <Refusal message={t('gate.signedOut')} withSignIn />;
  if (adminOnly ? !isAdmin : !isStaff) return <Refusal message={adminOnly ? t('gate.adminOnly') : t('gate.staffOnly')} withSignIn={!isStaff} />;
  // The server answers every staff request 403 until an administrator has set up two-factor sign-in.
  if (me.user.twoFactorRequired) return <TwoFactorGuidance />;
  return <>{children}</>;
}
