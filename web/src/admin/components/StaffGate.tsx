import { Anchor, Stack, Text, Title } from '@mantine/core';
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
  return <>{children}</>;
}
