import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { MeT } from '../../../src/shared/contracts/accounts';
import { usePageTitle } from '../app/usePageTitle';
import { post } from '../lib/api';
import { collectErrors, FormErrorSummary, useFieldChecks, useSubmit } from '../lib/forms';
import { useSession } from '../lib/session';
import { safeReturnPath } from '../recruitment/sign-in-return';
import { EmailField, homeFor, PasswordField, RequiredNote, SubmitButton } from './fields';
import { SignInCodeStep } from './SignInCodeStep';

type MeUser = NonNullable<MeT['user']>;

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signInTitle'));
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  // The page the person signed in from (e.g. a call they want to apply to), if it is on this site.
  const [search] = useSearchParams();
  const next = safeReturnPath(search.get('next'));
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Two-factor accounts: the password was right, a code comes next.
  const [codeStep, setCodeStep] = useState(false);

  const signedIn = async (user: MeUser) => {
    await refresh();
    // An administrator without an authenticator app sets one up first (the staff area waits for it).
    void navigate(user.twoFactorRequired ? '/me/account#two-factor' : (next ?? homeFor(user.roles)));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(collectErrors({ email: checks.email(email), password: checks.required(password) }), async () => {
      const result = await post<MeUser | { twoFactorRequired: true }>('/auth/sign-in', { email: email.trim(), password });
      // The account itself also carries `twoFactorRequired` (an admin yet to set it up): tell them apart by `id`.
      if (!('id' in result)) {
        setPassword('');
        setCodeStep(true);
        return;
      }
      await signedIn(result);
    });
  };

  const fields = [
    { name: 'email', id: 'sign-in-email', label: t('form.label.email') },
    { name: 'password', id: 'sign-in-password', label: t('form.label.password') },
  ];
  return (
    <Stack maw={480} gap="md">
      <Title order={1}>{t('auth.signInTitle')}</Title>
      {me?.user && <Text>{t('auth.alreadySignedIn', { name: me.user.name })}</Text>}
      {me?.setupRequired && (
        <Alert color="campus" variant="outline" title={t('auth.setupRequiredTitle')}>
          <Text mb="xs">{t('auth.setupRequired')}</Text>
          <Anchor component={Link} to="/setup" className="inline-link">
            {t('auth.setupLink')}
          </Anchor>
        </Alert>
      )}
      {codeStep ? (
        <SignInCodeStep onSignedIn={signedIn} onRestart={() => setCodeStep(false)} />
      ) : (
        <>
      <FormErrorSummary state={submit} fields={fields} />
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <RequiredNote />
            <EmailField id="sign-in-email" value={email} onChange={setEmail} error={submit.fieldErrors.email} />
            <PasswordField id="sign-in-password" value={password} onChange={setPassword} error={submit.fieldErrors.password} />
            <SubmitButton submitting={submit.submitting} label={t('auth.signInSubmit')} />
          </Stack>
        </form>
      </Paper>
        </>
      )}
      <Text>
        {t('auth.noAccount')}{' '}
        <Anchor component={Link} to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'} className="inline-link">
          {t('auth.signUpLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}
