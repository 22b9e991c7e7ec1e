/** Adding or editing a milestone: title, period and the work package it belongs to. */
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MilestoneViewT, WorkPackageViewT } from '../../../src/shared/contracts/plan';
import { patch, post } from '../lib/api';
import { useLocalized } from '../lib/text';
import { DoneSelect } from './components/DoneSelect';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { LocalizedInputs } from './components/LocalizedInputs';
import { emptyMilestoneForm, milestoneFormFromView, milestoneFormToInput, validateMilestoneForm, type MilestoneForm } from './plan-form';

export type MilestoneDialogMode = { kind: 'edit'; milestone: MilestoneViewT } | { kind: 'add' };

interface Props {
  mode: MilestoneDialogMode | null;
  workPackages: readonly WorkPackageViewT[];
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}

export function MilestoneDialog({ mode, workPackages, onClose, onSaved }: Props) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const title = mode?.kind === 'edit' ? t('plan.ms.editTitle', { title: localized(mode.milestone.title).text }) : t('plan.ms.addTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title}>
      {mode && <Body key={mode.kind === 'edit' ? mode.milestone.id : 'add'} mode={mode} workPackages={workPackages} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function Body({ mode, workPackages, onClose, onSaved }: Props & { mode: MilestoneDialogMode }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const editing = mode.kind === 'edit' ? mode.milestone : null;
  const [form, setForm] = useState<MilestoneForm>(() => (editing ? milestoneFormFromView(editing) : emptyMilestoneForm()));
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const set = (next: Partial<MilestoneForm>) => setForm((f) => ({ ...f, ...next }));
  const labels: Record<string, string> = {
    'title.ko': t('common.inKo', { label: t('plan.fields.title') }),
    'title.en': t('common.inEn', { label: t('plan.fields.title') }),
    start: t('plan.fields.start'),
    end: t('plan.fields.end'),
    workPackageId: t('plan.ms.workPackage'),
    done: t('plan.fields.done'),
  };

  const save = async () => {
    await dialog.submit(validateMilestoneForm(form), async () => {
      const body = milestoneFormToInput(form);
      if (editing) await patch(`/admin/milestones/${editing.id}`, body);
      else await post('/admin/milestones', body);
      await onSaved(t(editing ? 'plan.ms.saved' : 'plan.ms.added', { title: localized(body.title).text }));
      onClose();
    });
  };

  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose}>
      <LocalizedInputs label={t('plan.fields.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko, en }) => set({ titleKo: ko, titleEn: en })} errors={errors} requiredKo autoFocus />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('plan.fields.start')} description={t('plan.fields.dateHelp')} value={form.start} onChange={(e) => set({ start: e.currentTarget.value })} error={errors.start} required />
        <TextInput label={t('plan.fields.end')} description={t('plan.fields.dateHelp')} value={form.end} onChange={(e) => set({ end: e.currentTarget.value })} error={errors.end} required />
      </SimpleGrid>
      <NativeSelect
        label={t('plan.ms.workPackage')}
        value={form.workPackageId}
        onChange={(e) => set({ workPackageId: e.currentTarget.value })}
        error={errors.workPackageId}
        data={[{ value: '', label: t('plan.ms.noWorkPackage') }, ...workPackages.map((w) => ({ value: w.id, label: `${w.code} ${localized(w.title).text}` }))]}
      />
      <DoneSelect value={form.done} onChange={(done) => set({ done })} error={errors.done} />
    </DialogForm>
  );
}
