/**
 * The form inside an admin dialog: quick checks before sending, the server's refusals next to their
 * fields, an error summary that takes focus after every failed save, and the cancel/save footer.
 */
import { Box, Button, Group, Stack, type MantineSpacing } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../lib/forms';
import { failureOf, hasIssues, summaryItems, translateIssues, type FieldMessages, type Issues } from '../form-errors';

export interface DialogSubmit {
  /** Field path → message, shown next to each input. */
  errors: FieldMessages;
  summary: string | undefined;
  busy: boolean;
  summaryRef: React.RefObject<HTMLDivElement | null>;
  /** Shows `issues` if there are any; otherwise runs `action` and shows what the server refused. */
  submit: (issues: Issues, action: () => Promise<void>) => Promise<void>;
}

export function useDialogSubmit(): DialogSubmit {
  const { t } = useTranslation('admin');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [summary, setSummary] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  // After the summary has rendered, so a repeated identical failure still moves focus there.
  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  const fail = (fields: FieldMessages, message: string) => {
    setErrors(fields);
    setSummary(message);
    setFocusSummary((n) => n + 1);
  };

  const submit = async (issues: Issues, action: () => Promise<void>) => {
    if (hasIssues(issues)) {
      fail(translateIssues(issues, t), t('errors.summary'));
      return;
    }
    setBusy(true);
    try {
      await action();
      // A dialog that stays open (spending) starts the next entry clean.
      setErrors({});
      setSummary(undefined);
    } catch (e) {
      const failure = failureOf(e, t('errors.network'));
      fail(failure.fields, failure.summary);
    } finally {
      setBusy(false);
    }
  };
  return { errors, summary, busy, summaryRef, submit };
}

interface DialogFormProps {
  state: DialogSubmit;
  onSubmit: () => Promise<void>;
  /** Names the field of an error path for the summary; without it the summary shows only the request's message. */
  labelOf?: (path: string) => string | undefined;
  /** Without it there is no cancel button (the dialog's close button remains). */
  onCancel?: () => void;
  submitLabel?: string;
  /** Shown above the error summary, e.g. the form's heading. */
  heading?: ReactNode;
  'aria-labelledby'?: string;
  gap?: MantineSpacing;
  children: ReactNode;
}

export function DialogForm({ state, onSubmit, labelOf, onCancel, submitLabel, heading, gap, children, ...rest }: DialogFormProps) {
  const { t } = useTranslation('admin');
  const items = labelOf ? summaryItems(state.errors, labelOf, (label, message) => t('errors.item', { label, message })).map((text) => ({ text })) : [];
  return (
    <Box
      component="form"
      noValidate
      aria-labelledby={rest['aria-labelledby']}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Stack gap={gap}>
        {heading}
        <ErrorSummary ref={state.summaryRef} title={state.summary} items={items} />
        {children}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={state.busy}>
            {submitLabel ?? t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
