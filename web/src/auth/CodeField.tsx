/** The input for a code from an authenticator app: digits keyboard on phones, filled in by password managers. */
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CodeField({ id, value, onChange, error, label, inModal }: { id: string; value: string; onChange: (v: string) => void; error: string | undefined; label?: string; inModal?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextInput
      id={id}
      label={label ?? t('twoFactor.codeLabel')}
      description={t('twoFactor.codeHelp')}
      name="one-time-code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      // A dialog moves focus to its field marked so when it opens.
      data-autofocus={inModal || undefined}
    />
  );
}

/** The quick check before sending: six digits (a space between groups is fine). */
export function codeIssue(code: string): 'twoFactor.codeRequired' | 'twoFactor.codeFormat' | null {
  const c = code.replace(/\s+/g, '');
  if (c === '') return 'twoFactor.codeRequired';
  return /^\d{6}$/.test(c) ? null : 'twoFactor.codeFormat';
}
