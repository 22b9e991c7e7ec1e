/** Pieces shared by the sign-in, sign-up and setup forms. */
import { Button, PasswordInput, Text, TextInput } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type Role } from '../../../src/core/access/policy';

/** A password field whose show/hide button is reachable by keyboard and named in the reader's language. */
export function Password(props: ComponentProps<typeof PasswordInput>) {
  const { t } = useTranslation();
  return <PasswordInput visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': t('form.showPassword') }} {...props} />;
}

export function RequiredNote() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('form.requiredNote')}
    </Text>
  );
}

/** Where to go after signing in: staff to the administration, everyone else home. */
export function homeFor(roles: readonly Role[]): string {
  return roles.some((r) => STAFF_ROLES.includes(r)) ? '/admin' : '/';
}

/**
 * Stays enabled while the request runs (a disabled button would drop keyboard focus); the label says
 * it is working and useSubmit ignores a second press.
 */
export function SubmitButton({ submitting, label }: { submitting: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Button type="submit" aria-busy={submitting || undefined}>
      {submitting ? t('form.submitting') : label}
    </Button>
  );
}

interface FieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

export function NameField({ id, value, onChange, error }: FieldProps) {
  const { t } = useTranslation();
  return <TextInput id={id} label={t('form.label.name')} name="name" autoComplete="name" required value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
}

export function EmailField({ id, value, onChange, error }: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      id={id}
      label={t('form.label.email')}
      type="email"
      name="email"
      autoComplete="email"
      inputMode="email"
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** `isNew` when choosing a password: the length hint, and new-password so password managers offer a strong one. */
export function PasswordField({ id, value, onChange, error, isNew = false }: FieldProps & { isNew?: boolean }) {
  const { t } = useTranslation();
  return (
    <Password
      id={id}
      label={t('form.label.password')}
      description={isNew ? t('form.passwordHint') : undefined}
      name="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}
