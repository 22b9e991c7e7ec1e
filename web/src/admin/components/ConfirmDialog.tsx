import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../lib/forms';
import { failureOf } from '../form-errors';
import { AdminModal } from './AdminModal';

interface Props {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** False for a step that is not destructive but cannot be taken back (publishing a call): a plain confirm button. */
  danger?: boolean;
}

/** Asks before a destructive action; Cancel has focus first so Enter never deletes by accident. */
export function ConfirmDialog({ opened, title, children, confirmLabel, onConfirm, onClose, danger = true }: Props) {
  const { t } = useTranslation('admin');
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
      setError(failureOf(e, t('errors.network')).summary);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AdminModal opened={opened} onClose={close} title={title} size="md">
      <Stack>
        <ErrorSummary title={error} />
        {/* A div, so the body may hold paragraphs of its own. */}
        <Text component="div">{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.9' : undefined} onClick={() => void confirm()} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AdminModal>
  );
}
