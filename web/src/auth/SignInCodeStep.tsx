/**
 * The second step of signing in when the account uses two-factor sign-in: the code the app shows,
 * or (from a link) one of the recovery codes. The password step set a short-lived cookie for it.
 */
import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeT } from '../../../src/shared/contracts/accounts';
import { post } from '../lib/api';
import { FormErrorSummary, useSubmit } from '../lib/forms';
import { CodeField, codeIssue } from './CodeField';
import { SubmitButton } from './fields';

type MeUser = NonNullable<MeT['user']>;

export function SignInCodeStep({ onSignedIn, onRestart }: { onSignedIn: (user: MeUser) => Promise<void>; onRestart: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  // The page did not change, so focus goes to the new step's heading for screen readers.
  useEffect(() => heading.current?.focus(), [useRecovery]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const issue = useRecovery ? (recoveryCode.trim() === '' ? t('twoFactor.codeRequired') : null) : codeIssue(code);
    const errors: Record<string, string> = issue ? { [useRecovery ? 'recoveryCode' : 'code']: useRecovery ? issue : t(issue) } : {};
    void submit.run(errors, async () => {
      const user = await post<MeUser>('/auth/two-factor', useRecovery ? { recoveryCode: recoveryCode.trim() } : { code: code.trim() });
      await onSignedIn(user);
    }, { 'accounts.two_factor_code_wrong': 'code', 'accounts.recovery_code_wrong': 'recoveryCode' });
  };
  const fields = [
    { name: 'code', id: 'sign-in-code', label: t('twoFactor.codeLabel') },
    { name: 'recoveryCode', id: 'sign-in-recovery', label: t('twoFactor.recoveryLabel') },
  ];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3" ref={heading} tabIndex={-1}>
          {useRecovery ? t('twoFactor.signInRecoveryTitle') : t('twoFactor.signInTitle')}
        </Title>
        <Text>{useRecovery ? t('twoFactor.signInRecoveryIntro') : t('twoFactor.signInIntro')}</Text>
        <FormErrorSummary state={submit} fields={fields} />
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            {useRecovery ? (
              <TextInput id="sign-in-recovery" label={t('twoFactor.recoveryLabel')} description={t('twoFactor.recoveryHelp')} autoComplete="off" autoCapitalize="none" spellCheck={false} required value={recoveryCode} onChange={(e) => setRecoveryCode(e.currentTarget.value)} error={submit.fieldErrors.recoveryCode} />
            ) : (
              <CodeField id="sign-in-code" value={code} onChange={setCode} error={submit.fieldErrors.code} />
            )}
            <SubmitButton submitting={submit.submitting} label={t('twoFactor.signInSubmit')} />
          </Stack>
        </form>
        <Button variant="subtle" onClick={() => setUseRecovery((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {useRecovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
        </Button>
        <Button variant="subtle" onClick={onRestart} style={{ alignSelf: 'flex-start' }}>
          {t('twoFactor.restart')}
        </Button>
      </Stack>
    </Paper>
  );
}
