import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A labelled dialog (its title names it), with a translated close button; focus is trapped while
 * open and returns to the control that opened it. Carries the admin class because it renders in a
 * portal outside the admin area.
 */
export function AdminModal({ className, ...props }: ModalProps) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      size="lg"
      {...props}
      className={['oc-admin', className].filter(Boolean).join(' ')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      returnFocus
      trapFocus
    />
  );
}
