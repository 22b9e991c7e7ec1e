/**
 * Adding or editing a session: type, bilingual title and goals, length (minutes per day × days), an
 * optional time in Seoul (left empty, the timetable places it), a room or another place, and the
 * constraints the timetable keeps (sessions that must come first, weeks it may run in).
 */
import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_TYPES, type CohortDetailT, type SessionViewT } from '../../../../src/shared/contracts/courses';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { LocalizedInputs } from '../../admin/components/LocalizedInputs';
import { patch, post } from '../../lib/api';
import { useLocText } from '../../lib/Localized';
import { emptySessionForm, sessionFormFromView, sessionFormToInput, validateSessionForm, type SessionForm } from './cohort-form';
import { enumLabel } from '../../lib/labels';

export type SessionDialogMode = { kind: 'add' } | { kind: 'edit'; session: SessionViewT };

interface Props {
  mode: SessionDialogMode | null;
  detail: CohortDetailT;
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}

export function SessionDialog({ mode, detail, onClose, onSaved }: Props) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const title = mode?.kind === 'edit' ? t('staff.sessionForm.editTitle', { title: text(mode.session.title) }) : t('staff.sessionForm.addTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} size="xl" className="oc-courses-staff">
      {mode && <Body key={mode.kind === 'edit' ? mode.session.id : 'add'} mode={mode} detail={detail} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function Body({ mode, detail, onClose, onSaved }: Props & { mode: SessionDialogMode }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const editing = mode.kind === 'edit' ? mode.session : null;
  const [form, setForm] = useState<SessionForm>(() => (editing ? sessionFormFromView(editing) : emptySessionForm(detail.modules[0]?.id ?? '')));
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const set = (next: Partial<SessionForm>) => setForm((f) => ({ ...f, ...next }));
  const labels: Record<string, string> = {
    'title.ko': t('admin:common.inKo', { label: t('staff.session.title') }),
    'title.en': t('admin:common.inEn', { label: t('staff.session.title') }),
    'goals.ko': t('admin:common.inKo', { label: t('staff.session.goals') }),
    'goals.en': t('admin:common.inEn', { label: t('staff.session.goals') }),
    'placeText.ko': t('admin:common.inKo', { label: t('staff.session.placeText') }),
    'placeText.en': t('admin:common.inEn', { label: t('staff.session.placeText') }),
    type: t('staff.session.type'),
    moduleId: t('staff.session.module'),
    durationMinutes: t('staff.session.duration'),
    days: t('staff.session.days'),
    startsAt: t('staff.session.startsAt'),
    endsAt: t('staff.session.startsAt'),
    roomId: t('staff.session.room'),
    'constraints.allowedWeeks': t('staff.session.weeks'),
    'constraints.prerequisites': t('staff.session.prerequisites'),
  };
  const save = async () => {
    await dialog.submit(validateSessionForm(form), async () => {
      const body = sessionFormToInput(form);
      if (editing) await patch(`/admin/sessions/${editing.id}`, body);
      else await post(`/admin/cohorts/${detail.cohort.id}/sessions`, body);
      await onSaved(t(editing ? 'staff.sessionForm.saved' : 'staff.sessionForm.added', { title: text(body.title) }));
      onClose();
    });
  };
  const others = detail.sessions.filter((s) => s.id !== editing?.id).sort((a, b) => a.position - b.position);
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          id="session-type"
          label={t('staff.session.type')}
          value={form.type}
          onChange={(e) => set({ type: e.currentTarget.value as SessionForm['type'] })}
          data={SESSION_TYPES.map((type) => ({ value: type, label: enumLabel(t, 'sessionType', type) }))}
          error={errors.type}
          data-autofocus
        />
        <NativeSelect
          id="session-module"
          label={t('staff.session.module')}
          value={form.moduleId}
          onChange={(e) => set({ moduleId: e.currentTarget.value })}
          data={[{ value: '', label: t('staff.sessionForm.noModule') }, ...detail.modules.map((m) => ({ value: m.id, label: text(m.title) }))]}
          error={errors.moduleId}
        />
      </SimpleGrid>
      <LocalizedInputs label={t('staff.session.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko, en }) => set({ titleKo: ko, titleEn: en })} errors={errors} requiredKo id="session-title" />
      <LocalizedInputs label={t('staff.session.goals')} path="goals" ko={form.goalsKo} en={form.goalsEn} onChange={({ ko, en }) => set({ goalsKo: ko, goalsEn: en })} errors={errors} multiline id="session-goals" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput id="session-duration" label={t('staff.session.duration')} description={t('staff.sessionForm.durationHelp')} inputMode="numeric" value={form.durationMinutes} onChange={(e) => set({ durationMinutes: e.currentTarget.value })} error={errors.durationMinutes} required />
        <TextInput id="session-days" label={t('staff.session.days')} description={t('staff.sessionForm.daysHelp')} inputMode="numeric" value={form.days} onChange={(e) => set({ days: e.currentTarget.value })} error={errors.days} required />
      </SimpleGrid>
      <Fieldset legend={t('staff.session.startsAt')} variant="unstyled">
        <Text size="sm" mb="xs">
          {t('staff.sessionForm.timeHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput id="session-day" label={t('staff.session.day')} description={t('staff.form.dayHelp')} value={form.day} onChange={(e) => set({ day: e.currentTarget.value })} error={errors.startsAt} />
          <TextInput id="session-time" label={t('staff.session.time')} description={t('staff.form.timeHelp')} value={form.time} onChange={(e) => set({ time: e.currentTarget.value })} />
        </SimpleGrid>
      </Fieldset>
      <NativeSelect
        id="session-room"
        label={t('staff.session.room')}
        value={form.roomId}
        onChange={(e) => set({ roomId: e.currentTarget.value })}
        data={[{ value: '', label: t('staff.sessionForm.noRoom') }, ...detail.rooms.map((r) => ({ value: r.id, label: t('staff.roomOption', { name: text(r.name), place: text(r.place), capacity: r.capacity }) }))]}
        error={errors.roomId}
      />
      <LocalizedInputs label={t('staff.session.placeText')} path="placeText" ko={form.placeKo} en={form.placeEn} onChange={({ ko, en }) => set({ placeKo: ko, placeEn: en })} errors={errors} id="session-place" />
      <TextInput id="session-weeks" label={t('staff.session.weeks')} description={t('staff.sessionForm.weeksHelp')} value={form.weeks} onChange={(e) => set({ weeks: e.currentTarget.value })} error={errors['constraints.allowedWeeks']} />
      {others.length > 0 && (
        <Fieldset legend={t('staff.session.prerequisites')} variant="unstyled">
          <Text size="sm" mb="xs">
            {t('staff.sessionForm.prerequisitesHelp')}
          </Text>
          <Stack gap={6}>
            {others.map((s) => (
              <Checkbox
                size="md"
                key={s.id}
                label={text(s.title)}
                checked={form.prerequisites.includes(s.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  set({ prerequisites: on ? [...form.prerequisites, s.id] : form.prerequisites.filter((x) => x !== s.id) });
                }}
              />
            ))}
          </Stack>
          {errors['constraints.prerequisites'] && (
            <Text size="sm" className="oc-flag">
              {errors['constraints.prerequisites']}
            </Text>
          )}
        </Fieldset>
      )}
    </DialogForm>
  );
}
