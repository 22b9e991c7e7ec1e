/** Adding or editing a module of the curriculum: a bilingual title and learning goals. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleViewT } from '../../../../src/shared/contracts/courses';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { LocalizedInputs } from '../../admin/components/LocalizedInputs';
import { patch, post } from '../../lib/api';
import { useLocText } from '../../lib/Localized';

export type ModuleDialogMode = { kind: 'add' } | { kind: 'edit'; module: ModuleViewT };

interface Props {
  mode: ModuleDialogMode | null;
  cohortId: string;
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}

export function ModuleDialog({ mode, cohortId, onClose, onSaved }: Props) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const title = mode?.kind === 'edit' ? t('staff.moduleForm.editTitle', { title: text(mode.module.title) }) : t('staff.moduleForm.addTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} className="oc-courses-staff">
      {mode && <Body key={mode.kind === 'edit' ? mode.module.id : 'add'} mode={mode} cohortId={cohortId} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function Body({ mode, cohortId, onClose, onSaved }: Props & { mode: ModuleDialogMode }) {
  const { t } = useTranslation('courses');
  const editing = mode.kind === 'edit' ? mode.module : null;
  const [title, setTitle] = useState({ ko: editing?.title.ko ?? '', en: editing?.title.en ?? '' });
  const [goals, setGoals] = useState({ ko: editing?.goals?.ko ?? '', en: editing?.goals?.en ?? '' });
  const dialog = useDialogSubmit();
  const labels: Record<string, string> = {
    'title.ko': t('admin:common.inKo', { label: t('staff.module.title') }),
    'title.en': t('admin:common.inEn', { label: t('staff.module.title') }),
    'goals.ko': t('admin:common.inKo', { label: t('staff.module.goals') }),
    'goals.en': t('admin:common.inEn', { label: t('staff.module.goals') }),
  };
  const save = async () => {
    const issues: Issues = title.ko.trim() ? {} : { 'title.ko': { key: 'errors.required' } };
    await dialog.submit(issues, async () => {
      const body = {
        title: { ko: title.ko.trim(), ...(title.en.trim() ? { en: title.en.trim() } : {}) },
        goals: goals.ko.trim() ? { ko: goals.ko.trim(), ...(goals.en.trim() ? { en: goals.en.trim() } : {}) } : null,
      };
      if (editing) await patch(`/admin/modules/${editing.id}`, body);
      else await post(`/admin/cohorts/${cohortId}/modules`, body);
      await onSaved(t(editing ? 'staff.moduleForm.saved' : 'staff.moduleForm.added', { title: body.title.ko }));
      onClose();
    });
  };
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose}>
      <LocalizedInputs label={t('staff.module.title')} path="title" ko={title.ko} en={title.en} onChange={setTitle} errors={dialog.errors} requiredKo autoFocus id="module-title" />
      <LocalizedInputs label={t('staff.module.goals')} path="goals" ko={goals.ko} en={goals.en} onChange={setGoals} errors={dialog.errors} multiline id="module-goals" />
    </DialogForm>
  );
}
