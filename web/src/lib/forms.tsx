/**
 * Form submission with errors where people look for them: each message next to its field (from the
 * server's field list or a quick check before sending) and a summary announced with role="alert"
 * whose links move focus to the field. Input is kept on error.
 */
import { Alert, Anchor, List, Text } from '@mantine/core';
import { forwardRef, useRef, useState } from 'react';
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

export interface SummaryItem {
  text: string;
  /** The id of the input the message is about; the line then links there and moves focus to it. */
  target?: string;
}

interface ErrorSummaryProps {
  /** Defaults to "Please check the form"; a request's own message may stand here instead. */
  title?: string | undefined;
  /** The request's own message under the title (e.g. wrong password). */
  message?: string | null | undefined;
  /** Field messages, each also shown next to its input. */
  items?: readonly SummaryItem[];
}

/**
 * The role="alert" box above a form (WCAG 3.3.1); renders nothing when there is nothing to say.
 * Given a ref it is focusable, so a dialog can move focus to it after a failed save.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, ErrorSummaryProps>(function ErrorSummary({ title, message, items = [] }, ref) {
  const { t } = useTranslation();
  const lines = items.filter((item, i) => item.text !== title && items.findIndex((other) => other.text === item.text) === i);
  if (!title && !message && lines.length === 0) return null;
  return (
    <Alert ref={ref} tabIndex={ref ? -1 : undefined} role="alert" color="red.9" variant="outline" title={title ?? t('form.summaryTitle')}>
      {message && <Text mb={lines.length > 0 ? 'xs' : 0}>{message}</Text>}
      {lines.length > 0 && (
        <List spacing={4}>
          {lines.map((item) => (
            <List.Item key={item.text}>
              {item.target ? (
                <Anchor
                  className="inline-link"
                  href={`#${item.target}`}
                  onClick={(e) => {
                    e.preventDefault();
                    if (item.target) document.getElementById(item.target)?.focus();
                  }}
                >
                  {item.text}
                </Anchor>
              ) : (
                item.text
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
});

/** The summary of a useSubmit form, linking each field message to its input. */
export function FormErrorSummary({ state, fields }: { state: Pick<SubmitState, 'fieldErrors' | 'formError' | 'attempt'>; fields: SummaryField[] }) {
  const { t } = useTranslation();
  const known = fields.filter((f) => state.fieldErrors[f.name]).map((f) => ({ text: t('form.fieldError', { label: f.label, message: state.fieldErrors[f.name] }), target: f.id }));
  const other = Object.entries(state.fieldErrors)
    .filter(([name]) => !fields.some((f) => f.name === name))
    .map(([, text]) => ({ text }));
  // A new key for every refused attempt, so a repeated identical error is announced again.
  return <ErrorSummary key={state.attempt} message={state.formError} items={[...known, ...other]} />;
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
