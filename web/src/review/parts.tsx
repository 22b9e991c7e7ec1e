/** Pieces the /me pages share: the signed-out notice, a confirmation dialog and a polite status line. */
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { ApiError } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { signInPath } from '../recruitment/sign-in-return';

/** Renders `children` for a signed-in person; otherwise the page's heading and a sign-in link back here. */
export function SignedInOnly({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('review');
  const { me, loading } = useSession();
  const location = useLocation();
  usePageTitle(title);
  if (loading && !me) return <Loading />;
  if (me?.user) return <>{children}</>;
  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <Alert color="campus" variant="outline">
        <Text mb="xs">{t('signedOut.text')}</Text>
        <Anchor component={Link} to={signInPath(`${location.pathname}${location.search}`)} className="inline-link">
          {t('signedOut.signIn')}
        </Anchor>
      </Alert>
    </Stack>
  );
}

/** A message about a request that failed, in the reader's language. */
export function failureText(err: unknown, network: string): string {
  return err instanceof ApiError ? err.message : network;
}

/** Always in the page, so "Saved." is announced without moving focus (WCAG 4.1.3). */
export function StatusLine({ message, testId }: { message: string; testId?: string }) {
  return (
    <Text role="status" aria-live="polite" size="sm" fw={500} mih="1.5em" data-testid={testId}>
      {message}
    </Text>
  );
}

interface ConfirmProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before an action that cannot be undone; Cancel has focus first so Enter never confirms by accident. */
export function ConfirmDialog({ opened, title, children, confirmLabel, onConfirm, onClose }: ConfirmProps) {
  const { t } = useTranslation('review');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(failureText(e, t('web:common.error.network')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }} returnFocus trapFocus>
      <Stack>
        <ErrorSummary title={error} />
        <Text>{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" onClick={() => void confirm()} aria-busy={busy || undefined}>
            {busy ? t('common.working') : confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
