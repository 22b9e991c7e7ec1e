import { Anchor, Button, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { navFor } from '../components/nav-model';
import { SiteNav } from '../components/SiteNav';
import { post } from '../lib/api';
import { setLang } from '../lib/i18n';
import { useSession } from '../lib/session';
import { scriptLang, useLang } from '../lib/text';
import { signInPath } from '../recruitment/sign-in-return';
import { VerificationBanner } from '../auth/VerificationBanner';

/** Always visible; labelled and spoken in the language it switches to (its text is that language's name). */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <Button variant="outline" size="sm" onClick={() => setLang(other)} lang={other} aria-label={t(`lang.switchTo_${other}`, { lng: other })}>
      {t(`lang.otherName_${other}`, { lng: other })}
    </Button>
  );
}

function Account() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const lang = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = async () => {
    try {
      await post('/auth/sign-out');
    } finally {
      await refresh();
      void navigate('/');
    }
  };
  if (me?.user) {
    return (
      <>
        <Text size="sm">
          <VisuallyHidden>{t('auth.signedInAs')} </VisuallyHidden>
          <span lang={scriptLang(me.user.name, lang)}>{me.user.name}</span>
        </Text>
        <Anchor component={Link} to="/me/account" size="sm" className="header-link">
          {t('account.link')}
        </Anchor>
        <Button size="sm" variant="default" onClick={() => void signOut()}>
          {t('auth.signOut')}
        </Button>
      </>
    );
  }
  return (
    <>
      <Anchor component={Link} to="/sign-up" size="sm" className="header-link">
        {t('auth.signUp')}
      </Anchor>
      {/* Signing in brings the person back to this page. */}
      <Button size="sm" component={Link} to={signInPath(`${location.pathname}${location.search}`)}>
        {t('auth.signIn')}
      </Button>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, overview, refreshOverview } = useSession();
  const { pathname } = useLocation();
  // What a person has (an application just sent, a seat just accepted) changes as they go: the
  // navigation reads the overview again on each page.
  useEffect(() => {
    void refreshOverview();
  }, [pathname, refreshOverview]);
  const model = navFor(me?.user ?? null, overview);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" className="site-name">
              {t('app.name')}
            </Anchor>
            <Group gap="xs" wrap="wrap">
              <LanguageSwitch />
              <Account />
            </Group>
          </Group>
          <SiteNav model={model} />
        </Container>
      </header>
      <VerificationBanner />
      <Container size="lg" component="main" id="main" tabIndex={-1} py="lg" className="site-main">
        {children}
      </Container>
      <footer className="site-footer">
        <Container size="lg" py="md">
          <Text size="sm" c="dimmed">
            {t('footer.source')}
          </Text>
          <Text size="sm" mt="xs">
            <Anchor component={Link} to="/data" data-testid="footer-open-data">
              {t('footer.openData')}
            </Anchor>
          </Text>
        </Container>
      </footer>
    </div>
  );
}
