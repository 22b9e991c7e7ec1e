/**
 * "Two-factor sign-in" on the account page: set up an authenticator app (QR code and the secret as
 * text), confirm it with a first code, see the recovery codes once (copy, download), get new ones,
 * or turn it off (not while holding the admin role, which requires it).
 */
import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeT } from '../../../src/shared/contracts/accounts';
import type { TwoFactorEnrolmentT } from '../../../src/shared/contracts/two-factor';
import { post } from '../lib/api';
import { FormErrorSummary, useFieldChecks, useSubmit } from '../lib/forms';
import { useSession } from '../lib/session';
import { CodeField, codeIssue } from './CodeField';
import { Password, SubmitButton } from './fields';
import { QrCode } from './QrCode';

type MeUser = NonNullable<MeT['user']>;
const CODE_FIELDS = { 'accounts.two_factor_code_wrong': 'code', 'auth.current_password_wrong': 'password' };

/** The secret in groups of four, as apps show it and as it is easier to read out or type. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState('');
  const text = `${t('twoFactor.recoveryFileTitle')}\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t('twoFactor.recoveryCopied'));
    } catch {
      setCopied(t('twoFactor.recoveryCopyFailed'));
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'open-campus-recovery-codes.txt';
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };
  return (
    <Paper withBorder p="md" data-testid="recovery-codes">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('twoFactor.recoveryTitle')}
        </Title>
        <Text>{t('twoFactor.recoveryIntro', { count: codes.length })}</Text>
        <List spacing={4} style={{ fontFamily: 'monospace' }} aria-label={t('twoFactor.recoveryTitle')}>
          {codes.map((c) => (
            <List.Item key={c}>{c}</List.Item>
          ))}
        </List>
        <Group gap="sm">
          <Button variant="outline" onClick={() => void copy()}>
            {t('twoFactor.recoveryCopy')}
          </Button>
          <Button variant="outline" onClick={download}>
            {t('twoFactor.recoveryDownload')}
          </Button>
          <Button onClick={onDone}>{t('twoFactor.recoverySaved')}</Button>
        </Group>
        <Text role="status" size="sm">
          {copied}
        </Text>
      </Stack>
    </Paper>
  );
}

/** A password form (start enrolment, new recovery codes): the current password asked again. */
function PasswordForm({ id, submitLabel, action }: { id: string; submitLabel: string; action: (password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const issue = checks.required(password);
    void submit.run(issue ? { password: issue } : {}, () => action(password), CODE_FIELDS);
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormErrorSummary state={submit} fields={[{ name: 'password', id, label: t('twoFactor.currentPassword') }]} />
        <Password id={id} label={t('twoFactor.currentPassword')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={submit.fieldErrors.password} />
        <SubmitButton submitting={submit.submitting} label={submitLabel} />
      </Stack>
    </form>
  );
}

function Enrolment({ enrolment, onConfirmed, onCancel }: { enrolment: TwoFactorEnrolmentT; onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [code, setCode] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const issue = codeIssue(code);
    void submit.run(issue ? { code: t(issue) } : {}, async () => {
      await post<MeUser>('/me/two-factor/confirm', { code: code.trim() });
      onConfirmed();
    }, CODE_FIELDS);
  };
  return (
    <Stack gap="sm">
      <Text>{t('twoFactor.scanIntro')}</Text>
      <QrCode value={enrolment.totpUri} label={t('twoFactor.qrLabel')} />
      <Text id="two-factor-secret-label">{t('twoFactor.secretIntro')}</Text>
      {/* Wraps rather than scrolls, so nothing is hidden from keyboard users on a narrow screen. */}
      <Text component="p" ff="monospace" fz="lg" aria-labelledby="two-factor-secret-label" data-testid="two-factor-secret" style={{ letterSpacing: '0.05em', overflowWrap: 'anywhere' }}>
        {grouped(enrolment.secret)}
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <FormErrorSummary state={submit} fields={[{ name: 'code', id: 'two-factor-confirm-code', label: t('twoFactor.codeLabel') }]} />
          <CodeField id="two-factor-confirm-code" value={code} onChange={setCode} error={submit.fieldErrors.code} />
          <Group gap="sm">
            <SubmitButton submitting={submit.submitting} label={t('twoFactor.confirm')} />
            <Button variant="default" onClick={onCancel}>
              {t('twoFactor.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const codeProblem = codeIssue(code);
    const errors: Record<string, string> = {};
    const pw = checks.required(password);
    if (pw) errors.password = pw;
    if (codeProblem) errors.code = t(codeProblem);
    void submit.run(errors, async () => {
      await post('/me/two-factor/disable', { password, code: code.trim() });
      onDone();
    }, CODE_FIELDS);
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormErrorSummary
          state={submit}
          fields={[
            { name: 'password', id: 'two-factor-disable-password', label: t('twoFactor.currentPassword') },
            { name: 'code', id: 'two-factor-disable-code', label: t('twoFactor.codeLabel') },
          ]}
        />
        <Password id="two-factor-disable-password" label={t('twoFactor.currentPassword')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={submit.fieldErrors.password} />
        <CodeField id="two-factor-disable-code" value={code} onChange={setCode} error={submit.fieldErrors.code} />
        <SubmitButton submitting={submit.submitting} label={t('twoFactor.disableSubmit')} />
      </Stack>
    </form>
  );
}

export function TwoFactorSection({ user }: { user: MeUser }) {
  const { t } = useTranslation();
  const { refresh, isStaff, isAdmin } = useSession();
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolmentT | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [mode, setMode] = useState<'none' | 'codes' | 'disable'>('none');
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const backToHeading = () => heading.current?.focus();

  return (
    <section aria-labelledby="two-factor" data-testid="two-factor-section">
      <Stack gap="sm">
        <Title order={2} id="two-factor" ref={heading} tabIndex={-1}>
          {t('twoFactor.heading')}
        </Title>
        <Text>{t('twoFactor.intro')}</Text>
        <Text role="status">{status}</Text>
        {codes ? (
          <RecoveryCodesPanel
            codes={codes}
            onDone={() => {
              setCodes(null);
              backToHeading();
            }}
          />
        ) : user.twoFactorEnabled ? (
          <>
            <Alert color="green" variant="outline">
              {t('twoFactor.isOn')}
            </Alert>
            <Group gap="sm">
              <Button variant="outline" onClick={() => setMode(mode === 'codes' ? 'none' : 'codes')} aria-expanded={mode === 'codes'}>
                {t('twoFactor.newCodes')}
              </Button>
              {!isAdmin && (
                <Button variant="outline" color="red" onClick={() => setMode(mode === 'disable' ? 'none' : 'disable')} aria-expanded={mode === 'disable'}>
                  {t('twoFactor.disable')}
                </Button>
              )}
            </Group>
            {isAdmin && <Text size="sm">{t('twoFactor.adminKeepsOn')}</Text>}
            {mode === 'codes' && (
              <Paper withBorder p="md">
                <Text mb="sm">{t('twoFactor.newCodesIntro')}</Text>
                <PasswordForm
                  id="two-factor-codes-password"
                  submitLabel={t('twoFactor.newCodesSubmit')}
                  action={async (password) => {
                    const res = await post<{ recoveryCodes: string[] }>('/me/two-factor/recovery-codes', { password });
                    setMode('none');
                    setCodes(res.recoveryCodes);
                  }}
                />
              </Paper>
            )}
            {mode === 'disable' && (
              <Paper withBorder p="md">
                <Text mb="sm">{t('twoFactor.disableIntro')}</Text>
                <DisableForm
                  onDone={() => {
                    setMode('none');
                    setStatus(t('twoFactor.disabled'));
                    void refresh().then(backToHeading);
                  }}
                />
              </Paper>
            )}
          </>
        ) : enrolment ? (
          <Enrolment
            enrolment={enrolment}
            onCancel={() => {
              setEnrolment(null);
              backToHeading();
            }}
            onConfirmed={() => {
              setCodes(enrolment.recoveryCodes);
              setEnrolment(null);
              setStatus(t('twoFactor.enabled'));
              void refresh();
            }}
          />
        ) : (
          <>
            {user.twoFactorRequired ? (
              <Alert color="campus" variant="outline" title={t('twoFactor.requiredTitle')}>
                {t('twoFactor.requiredBody')}
              </Alert>
            ) : (
              isStaff && <Text fw={500}>{t('twoFactor.recommended')}</Text>
            )}
            <Text>{t('twoFactor.isOff')}</Text>
            <Paper withBorder p="md">
              <Text mb="sm">{t('twoFactor.startIntro')}</Text>
              <PasswordForm id="two-factor-start-password" submitLabel={t('twoFactor.start')} action={async (password) => setEnrolment(await post<TwoFactorEnrolmentT>('/me/two-factor/enrolment', { password }))} />
            </Paper>
          </>
        )}
      </Stack>
    </section>
  );
}
