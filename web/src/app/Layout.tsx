import { Anchor, AppShell, Button, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { post } from '../lib/api';
import { setLang } from '../lib/i18n';
import { useSession } from '../lib/session';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <Button variant="outline" size="sm" onClick={() => setLang(other)} lang={other} aria-label={t('lang.switchTo', { lng: other })}>
      {t('lang.otherName', { lng: other })}
    </Button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, isStaff, refresh } = useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    await post('/auth/sign-out');
    await refresh();
    void navigate('/');
  };
  const nav = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/plan', label: t('nav.plan') },
    { to: '/schedule', label: t('nav.schedule') },
    { to: '/budget', label: t('nav.budget') },
    ...(isStaff ? [{ to: '/admin', label: t('nav.admin') }] : []),
  ];
  return (
    <AppShell header={{ height: { base: 'auto' } }} padding="md">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <AppShell.Header pos="static" p="sm">
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
              {t('app.name')}
            </Anchor>
            <nav aria-label={t('nav.main')}>
              <Group gap="xs" wrap="wrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {nav.map((n) => (
                  <li key={n.to}>
                    <Anchor component={NavLink} to={n.to} end={n.end} p="xs" style={{ display: 'inline-block', minHeight: 24 }}>
                      {n.label}
                    </Anchor>
                  </li>
                ))}
              </Group>
            </nav>
            <Group gap="xs">
              <LanguageSwitch />
              {me?.user ? (
                <>
                  <Text size="sm">
                    <VisuallyHidden>{t('auth.signedInAs')}</VisuallyHidden>
                    {me.user.name}
                  </Text>
                  <Button size="sm" variant="default" onClick={() => void signOut()}>
                    {t('auth.signOut')}
                  </Button>
                </>
              ) : (
                <Button size="sm" component={Link} to="/sign-in">
                  {t('auth.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" component="main" id="main" py="md">
          {children}
        </Container>
      </AppShell.Main>
      <Container size="lg" component="footer" py="md">
        <Text size="sm" c="dimmed">
          {t('footer.source')}
        </Text>
      </Container>
    </AppShell>
  );
}
