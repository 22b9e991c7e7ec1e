/**
 * Form submission with errors where people look for them: each message next to its field (from the
 * server's field list or a quick check before sending) and a summary announced with role="alert"
 * whose links move focus to the field. Input is kept on error.
 */
import { Alert, Anchor, List, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

export type FieldErrors = Record<string, string>;

export interface SubmitState {
  fieldErrors: FieldErrors;
  /** The request's own message (e.g. wrong password, too many attempts), or null. */
  formError: string | null;
  submitting: boolean;
  /** Counts refused submissions, so a repeated identical error is announced again. */
  attempt: number;
  /**
   * Shows `clientErrors` if there are any; otherwise runs `action` and shows what the server refused.
   * `codeFields` puts a refusal that names no field next to the field it is about
   * (e.g. { 'setup.invalid_token': 'token' }).
   */
  run: (clientErrors: FieldErrors, action: () => Promise<void>, codeFields?: Record<string, string>) => Promise<void>;
}

export function useSubmit(): SubmitState {
  const { t } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const busy = useRef(false);

  const run = async (clientErrors: FieldErrors, action: () => Promise<void>, codeFields: Record<string, string> = {}) => {
    if (busy.current) return;
    if (Object.keys(clientErrors).length > 0) {
      setAttempt((n) => n + 1);
      setFieldErrors(clientErrors);
      setFormError(null);
      return;
    }
    busy.current = true;
    setSubmitting(true);
    setFieldErrors({});
    setFormError(null);
    try {
      await action();
    } catch (err) {
      setAttempt((n) => n + 1);
      if (err instanceof ApiError) {
        const fields = err.fieldMap();
        const field = codeFields[err.code];
        if (field && !fields[field]) {
          setFieldErrors({ ...fields, [field]: err.message });
          setFormError(null);
        } else {
          setFieldErrors(fields);
          // "Please check what you entered" adds nothing to the summary's own title when fields are listed.
          setFormError(err.code === 'validation' && err.fields.length > 0 ? null : err.message);
        }
      } else {
        setFormError(t('common.error.network'));
      }
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  };
  return { fieldErrors, formError, submitting, attempt, run };
}

export interface SummaryField {
  /** The key in FieldErrors (the server's field path). */
  name: string;
  /** The input's id, to move focus to. */
  id: string;
  label: string;
}

/** The error summary above a form; renders nothing when there is nothing to say. */
export function FormErrorSummary({ state, fields }: { state: Pick<SubmitState, 'fieldErrors' | 'formError' | 'attempt'>; fields: SummaryField[] }) {
  const { t } = useTranslation();
  const known = fields.filter((f) => state.fieldErrors[f.name]);
  const other = Object.entries(state.fieldErrors).filter(([name]) => !fields.some((f) => f.name === name));
  if (!state.formError && known.length === 0 && other.length === 0) return null;
  return (
    <Alert key={state.attempt} role="alert" color="red.9" variant="outline" title={t('form.summaryTitle')}>
      {state.formError && <Text mb={known.length + other.length > 0 ? 'xs' : 0}>{state.formError}</Text>}
      {known.length + other.length > 0 && (
        <List spacing={4}>
          {known.map((f) => (
            <List.Item key={f.name}>
              <Anchor
                className="inline-link"
                href={`#${f.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(f.id)?.focus();
                }}
              >
                {t('form.fieldError', { label: f.label, message: state.fieldErrors[f.name] })}
              </Anchor>
            </List.Item>
          ))}
          {other.map(([name, message]) => (
            <List.Item key={name}>{message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Quick checks before sending, worded in the reader's language; the server still decides. */
export function useFieldChecks() {
  const { t } = useTranslation();
  return {
    required: (value: string) => (value.trim() === '' ? t('form.error.required') : null),
    email: (value: string) => (value.trim() === '' ? t('form.error.required') : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t('form.error.email')),
    newPassword: (value: string) => (value === '' ? t('form.error.required') : value.length < 8 ? t('form.error.passwordShort') : null),
  };
}

/** Keeps only the failed checks: { email: 'message' }. */
export function collectErrors(checks: Record<string, string | null>): FieldErrors {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== null));
}
