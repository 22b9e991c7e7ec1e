/**
 * Adding or editing a cohort: bilingual title and place, dates, capacity, how people come in (a
 * selection call, or open enrolment with its window in Seoul time) and the status.
 */
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortViewT, ProgrammeViewT } from '../../../../src/shared/contracts/courses';
import type { CallViewT } from '../../../../src/shared/contracts/recruitment';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { LocalizedInputs } from '../../admin/components/LocalizedInputs';
import { patch, post } from '../../lib/api';
import { useLocText } from '../../lib/Localized';
import { useApiGet } from '../../lib/useApiGet';
import { cohortFormFromView, cohortFormToInput, emptyCohortForm, validateCohortForm, type CohortForm } from './cohort-form';
import { enumLabel } from '../../lib/labels';

export type CohortDialogMode = { kind: 'add'; programme: ProgrammeViewT } | { kind: 'edit'; cohort: CohortViewT; programme: ProgrammeViewT };

interface Props {
  mode: CohortDialogMode | null;
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}

export function CohortDialog({ mode, onClose, onSaved }: Props) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const title = mode?.kind === 'edit' ? t('staff.cohortForm.editTitle', { title: text(mode.cohort.title) }) : mode ? t('staff.cohortForm.addTitle', { programme: text(mode.programme.title) }) : '';
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} className="oc-courses-staff">
      {mode && <Body key={mode.kind === 'edit' ? mode.cohort.id : `add-${mode.programme.id}`} mode={mode} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function Body({ mode, onClose, onSaved }: Props & { mode: CohortDialogMode }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const editing = mode.kind === 'edit' ? mode.cohort : null;
  const [form, setForm] = useState<CohortForm>(() => (editing ? cohortFormFromView(editing) : emptyCohortForm(mode.programme.id, mode.programme.kind === 'citizen' ? 'open' : 'selection')));
  const calls = useApiGet<CallViewT[]>('/admin/calls');
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const set = (next: Partial<CohortForm>) => setForm((f) => ({ ...f, ...next }));
  const labels: Record<string, string> = {
    'title.ko': t('admin:common.inKo', { label: t('staff.cohort.title') }),
    'title.en': t('admin:common.inEn', { label: t('staff.cohort.title') }),
    'place.ko': t('admin:common.inKo', { label: t('staff.cohort.place') }),
    'place.en': t('admin:common.inEn', { label: t('staff.cohort.place') }),
    startsOn: t('staff.cohort.startsOn'),
    endsOn: t('staff.cohort.endsOn'),
    capacity: t('staff.cohort.capacity'),
    enrolmentMode: t('staff.cohort.mode'),
    callId: t('staff.cohort.call'),
    enrolmentOpensAt: t('staff.cohort.opensAt'),
    enrolmentClosesAt: t('staff.cohort.closesAt'),
    status: t('staff.cohort.status'),
  };
  const save = async () => {
    await dialog.submit(validateCohortForm(form), async () => {
      const body = cohortFormToInput(form);
      if (editing) {
        const { programmeId: _programme, ...rest } = body;
        await patch(`/admin/cohorts/${editing.id}`, rest);
      } else {
        await post('/admin/cohorts', body);
      }
      await onSaved(t(editing ? 'staff.cohortForm.saved' : 'staff.cohortForm.added', { title: text(body.title) }));
      onClose();
    });
  };
  const callOptions = (calls.data ?? []).map((c) => ({ value: c.id, label: text(c.title) }));
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose}>
      <LocalizedInputs label={t('staff.cohort.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko, en }) => set({ titleKo: ko, titleEn: en })} errors={errors} requiredKo autoFocus id="cohort-title" />
      <LocalizedInputs label={t('staff.cohort.place')} path="place" ko={form.placeKo} en={form.placeEn} onChange={({ ko, en }) => set({ placeKo: ko, placeEn: en })} errors={errors} requiredKo id="cohort-place" />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput id="cohort-starts" label={t('staff.cohort.startsOn')} description={t('staff.form.dayHelp')} value={form.startsOn} onChange={(e) => set({ startsOn: e.currentTarget.value })} error={errors.startsOn} required />
        <TextInput id="cohort-ends" label={t('staff.cohort.endsOn')} description={t('staff.form.dayHelp')} value={form.endsOn} onChange={(e) => set({ endsOn: e.currentTarget.value })} error={errors.endsOn} required />
        <TextInput id="cohort-capacity" label={t('staff.cohort.capacity')} inputMode="numeric" value={form.capacity} onChange={(e) => set({ capacity: e.currentTarget.value })} error={errors.capacity} required />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          id="cohort-mode"
          label={t('staff.cohort.mode')}
          value={form.enrolmentMode}
          onChange={(e) => set({ enrolmentMode: e.currentTarget.value === 'open' ? 'open' : 'selection' })}
          data={[
            { value: 'selection', label: t('staff.enrolmentMode.selection') },
            { value: 'open', label: t('staff.enrolmentMode.open') },
          ]}
          error={errors.enrolmentMode}
        />
        <NativeSelect
          id="cohort-status"
          label={t('staff.cohort.status')}
          value={form.status}
          onChange={(e) => set({ status: e.currentTarget.value as CohortForm['status'] })}
          data={(['draft', 'published', 'finished'] as const).map((s) => ({ value: s, label: enumLabel(t, 'cohortStatus', s) }))}
          error={errors.status}
        />
      </SimpleGrid>
      {form.enrolmentMode === 'selection' ? (
        <NativeSelect
          id="cohort-call"
          label={t('staff.cohort.call')}
          description={t('staff.cohortForm.callHelp')}
          value={form.callId}
          onChange={(e) => set({ callId: e.currentTarget.value })}
          data={[{ value: '', label: t('staff.cohortForm.noCall') }, ...callOptions]}
          error={errors.callId}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput id="cohort-opens" type="datetime-local" label={t('staff.cohort.opensAt')} description={t('staff.form.seoulHelp')} value={form.opensAt} onChange={(e) => set({ opensAt: e.currentTarget.value })} error={errors.enrolmentOpensAt} />
          <TextInput id="cohort-closes" type="datetime-local" label={t('staff.cohort.closesAt')} description={t('staff.form.seoulHelp')} value={form.closesAt} onChange={(e) => set({ closesAt: e.currentTarget.value })} error={errors.enrolmentClosesAt} />
        </SimpleGrid>
      )}
    </DialogForm>
  );
}
