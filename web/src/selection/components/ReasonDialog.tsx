/**
 * A dialog that asks why before a change staff must justify (a manual pairing removed): the reason
 * is required, checked before sending, and the server's refusal is shown in the dialog.
 */
import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';

interface Props {
  opened: boolean;
  title: string;
  /** What will happen, in words. */
  body: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

export const REASON_MAX = 500;

export function ReasonDialog({ opened, title, body, confirmLabel, onConfirm, onClose }: Props) {
  return (
    <AdminModal opened={opened} onClose={onClose} title={title} size="md" className="oc-review">
      {opened && <ReasonForm body={body} confirmLabel={confirmLabel} onConfirm={onConfirm} onClose={onClose} />}
    </AdminModal>
  );
}

function ReasonForm({ body, confirmLabel, onConfirm, onClose }: Omit<Props, 'opened' | 'title'>) {
  const { t } = useTranslation('selection');
  const [reason, setReason] = useState('');
  const state = useDialogSubmit();
  const submit = () =>
    state.submit(reason.trim() === '' ? { reason: { key: 'selection:common.reasonRequired' } } : {}, async () => {
      await onConfirm(reason.trim());
    });
  return (
    <DialogForm state={state} onSubmit={submit} onCancel={onClose} submitLabel={confirmLabel} labelOf={(path) => (path === 'reason' ? t('common.reason') : undefined)}>
      <Text>{body}</Text>
      <Textarea
        label={t('common.reason')}
        description={t('common.reasonHelp')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={state.errors.reason}
        required
        maxLength={REASON_MAX}
        autosize
        minRows={2}
        data-autofocus
      />
    </DialogForm>
  );
}
