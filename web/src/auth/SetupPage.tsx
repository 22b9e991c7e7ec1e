/** The one-time setup: the token printed at first start creates the first administrator. */
import { Alert, Anchor, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MeT } from '../../../src/shared/contracts/accounts';
import { usePageTitle } from '../app/usePageTitle';
import { post } from '../lib/api';
import { collectErrors, FormErrorSummary, useFieldChecks, useSubmit } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { EmailField, homeFor, NameField, PasswordField, RequiredNote, SubmitButton } from './fields';

type MeUser = NonNullable<MeT['user']>;

/** The server refuses shorter tokens; saying so here spares a round trip with a technical message. */
const TOKEN_MIN = 16;

function SetupForm() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const tokenError = checks.required(token) ?? (token.trim().length < TOKEN_MIN ? t('setup.tokenShort') : null);
    void submit.run(collectErrors({ token: tokenError, name: checks.required(name), email: checks.email(email), password: checks.newPassword(password) }), async () => {
      const user = await post<MeUser>('/setup', { token: token.trim(), name: name.trim(), email: email.trim(), password });
      await refresh();
      void navigate(homeFor(user.roles));
    }, { 'setup.invalid_token': 'token' });
  };

  const fields = [
    { name: 'token', id: 'setup-token', label: t('setup.token') },
    { name: 'name', id: 'setup-name', label: t('form.label.name') },
    { name: 'email', id: 'setup-email', label: t('form.label.email') },
    { name: 'password', id: 'setup-password', label: t('form.label.password') },
  ];
  return (
    <>
      <Text>{t('setup.intro')}</Text>
      <FormErrorSummary state={submit} fields={fields} />
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <RequiredNote />
            <TextInput
              id="setup-token"
              label={t('setup.token')}
              description={t('setup.tokenHint')}
              name="token"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              required
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              error={submit.fieldErrors.token}
            />
            <NameField id="setup-name" value={name} onChange={setName} error={submit.fieldErrors.name} />
            <EmailField id="setup-email" value={email} onChange={setEmail} error={submit.fieldErrors.email} />
            <PasswordField id="setup-password" isNew value={password} onChange={setPassword} error={submit.fieldErrors.password} />
            <SubmitButton submitting={submit.submitting} label={t('setup.submit')} />
          </Stack>
        </form>
      </Paper>
    </>
  );
}

export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const { me, loading } = useSession();
  let body;
  if (loading && !me) body = <Loading />;
  else if (me?.setupRequired) body = <SetupForm />;
  else
    body = (
      <Alert color="campus" variant="outline" title={t('setup.doneTitle')}>
        <Text mb="xs">{t('setup.done')}</Text>
        {!me?.user && (
          <Anchor component={Link} to="/sign-in" className="inline-link">
            {t('setup.signInLink')}
          </Anchor>
        )}
      </Alert>
    );
  return (
    <Stack maw={520} gap="md">
      <Title order={1}>{t('setup.title')}</Title>
      {body}
    </Stack>
  );
}
