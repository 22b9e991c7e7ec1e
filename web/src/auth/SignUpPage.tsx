import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { safeReturnPath } from '../recruitment/sign-in-return';
import type { MeT } from '../../../src/shared/contracts/accounts';
import { usePageTitle } from '../app/usePageTitle';
import { ApiError, post } from '../lib/api';
import { collectErrors, FormErrorSummary, useFieldChecks, useSubmit } from '../lib/forms';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { EmailField, homeFor, NameField, PasswordField, RequiredNote, SubmitButton } from './fields';

type MeUser = NonNullable<MeT['user']>;

export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signUpTitle'));
  const lang = useLang();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // Signing up from a call page returns there, as signing in does (only paths on this site).
  const next = safeReturnPath(search.get('next'));
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Sign-up answers alike whether or not the address already has an account; when signing in with
  // what was entered then fails, the address was in use and its owner has been written to.
  const [checkMail, setCheckMail] = useState(false);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setCheckMail(false);
    void submit.run(collectErrors({ name: checks.required(name), email: checks.email(email), password: checks.newPassword(password) }), async () => {
      await post<{ accepted: true }>('/auth/sign-up', { name: name.trim(), email: email.trim(), password, locale: lang });
      let user: MeUser;
      try {
        user = await post<MeUser>('/auth/sign-in', { email: email.trim(), password });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'auth.invalid_credentials') {
          setCheckMail(true);
          return;
        }
        throw err;
      }
      await refresh();
      void navigate(next ?? homeFor(user.roles));
    });
  };

  const fields = [
    { name: 'name', id: 'sign-up-name', label: t('form.label.name') },
    { name: 'email', id: 'sign-up-email', label: t('form.label.email') },
    { name: 'password', id: 'sign-up-password', label: t('form.label.password') },
  ];
  return (
    <Stack maw={480} gap="md">
      <Title order={1}>{t('auth.signUpTitle')}</Title>
      {me?.user && <Text>{t('auth.alreadySignedIn', { name: me.user.name })}</Text>}
      {checkMail && (
        <Alert color="campus" variant="outline" title={t('auth.signUpCheckMailTitle')} role="status">
          {t('auth.signUpCheckMail', { email: email.trim() })}
        </Alert>
      )}
      <FormErrorSummary state={submit} fields={fields} />
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <RequiredNote />
            <NameField id="sign-up-name" value={name} onChange={setName} error={submit.fieldErrors.name} />
            <EmailField id="sign-up-email" value={email} onChange={setEmail} error={submit.fieldErrors.email} />
            <PasswordField id="sign-up-password" isNew value={password} onChange={setPassword} error={submit.fieldErrors.password} />
            <SubmitButton submitting={submit.submitting} label={t('auth.signUpSubmit')} />
          </Stack>
        </form>
      </Paper>
      <Text>
        {t('auth.haveAccount')}{' '}
        <Anchor component={Link} to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'} className="inline-link">
          {t('auth.signInLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}
