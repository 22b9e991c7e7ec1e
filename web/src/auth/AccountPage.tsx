/**
 * /me/account: the signed-in person's account (name, address) and its two-factor sign-in. Reached
 * from the header; administrators without an authenticator app are sent here at sign-in.
 */
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { TwoFactorSection } from './TwoFactorSection';

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const { me, loading } = useSession();
  const location = useLocation();
  const user = me?.user ?? null;
  // A link to #two-factor (from the sign-in or the staff area) lands on that section.
  useEffect(() => {
    if (user && location.hash === '#two-factor') document.getElementById('two-factor')?.focus();
  }, [user, location.hash]);

  if (loading && !me) return <Loading />;
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('account.title')}</Title>
      {user ? (
        <>
          <dl>
            <dt>{t('form.label.name')}</dt>
            <dd>{user.name}</dd>
            <dt>{t('form.label.email')}</dt>
            <dd>{user.email}</dd>
          </dl>
          <TwoFactorSection user={user} />
        </>
      ) : (
        <Text>
          {t('account.signedOut')}{' '}
          <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent('/me/account')}`} className="inline-link">
            {t('auth.signIn')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
