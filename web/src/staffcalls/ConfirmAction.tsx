import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminModal } from '../admin/components/AdminModal';
import { failureOf } from '../admin/form-errors';
import { ErrorSummary } from '../lib/forms';

interface Props {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * Asks before a step that cannot be taken back (publishing or closing a call). Cancel has focus
 * first, so Enter alone never publishes; a refusal is shown in the dialog and announced.
 */
export function ConfirmAction({ opened, title, children, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation('staffcalls');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(failureOf(e, t('admin:errors.network')).summary);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AdminModal opened={opened} onClose={close} title={title} size="md">
      <Stack>
        <ErrorSummary title={error} />
        <Text component="div">{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('admin:common.cancel')}
          </Button>
          <Button onClick={() => void confirm()} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AdminModal>
  );
}
