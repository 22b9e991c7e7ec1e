/**
 * Staff's record of whether a plan item is done. The public schedule reads it: a past item marked
 * not done is "late", one with nothing recorded only "ended", since nobody said it was unfinished.
 */
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DoneChoice } from '../plan-form';

export function DoneSelect({ value, onChange, error }: { value: DoneChoice; onChange: (v: DoneChoice) => void; error?: string | undefined }) {
  const { t } = useTranslation('admin');
  return (
    <NativeSelect
      label={t('plan.fields.done')}
      description={t('plan.fields.doneHelp')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as DoneChoice)}
      error={error}
      data={[
        { value: '', label: t('plan.done.none') },
        { value: 'done', label: t('plan.done.done') },
        { value: 'notDone', label: t('plan.done.notDone') },
      ]}
    />
  );
}
