import { Alert, List } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The request's overall message (e.g. the server's "입력값을 확인해 주세요."). */
  summary?: string | undefined;
  /** Field messages, each also shown next to its input. */
  messages?: readonly string[];
}

/**
 * The role="alert" box above a form: announced when it appears, and focusable so the form can move
 * focus to it after a failed save (WCAG 3.3.1).
 */
export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary({ summary, messages = [] }, ref) {
  const { t } = useTranslation('admin');
  if (!summary && messages.length === 0) return null;
  const unique = [...new Set(messages)].filter((m) => m !== summary);
  return (
    <Alert ref={ref} tabIndex={-1} color="red.9" variant="outline" title={summary ?? t('errors.summary')} className="oc-error-summary">
      {unique.length > 0 && (
        <List size="sm">
          {unique.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
});
