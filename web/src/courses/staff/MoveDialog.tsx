/**
 * Changing a session's day, start time and room by hand (keyboard first: plain text fields and a
 * native select). The end follows from the session's length; conflicts are shown on the page after
 * saving, since a move that clashes is allowed and then fixed by another move.
 */
import { NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomViewT, SessionViewT } from '../../../../src/shared/contracts/courses';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { patch } from '../../lib/api';
import { useLocText } from '../../lib/Localized';
import { isRealDay, isTime, seoulDay, seoulInstant, seoulTime, sessionEnd } from './format';

interface Props {
  session: SessionViewT | null;
  rooms: RoomViewT[];
  onClose: () => void;
  /** After the server took the change: the session as saved. */
  onMoved: (session: SessionViewT) => Promise<void>;
}

export function MoveDialog({ session, rooms, onClose, onMoved }: Props) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  return (
    <AdminModal opened={session !== null} onClose={onClose} title={session ? t('staff.move.title', { title: text(session.title) }) : ''} size="md" className="oc-courses-staff">
      {session && <Body key={session.id} session={session} rooms={rooms} onClose={onClose} onMoved={onMoved} />}
    </AdminModal>
  );
}

function Body({ session, rooms, onClose, onMoved }: Props & { session: SessionViewT }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const [day, setDay] = useState(session.startsAt ? seoulDay(session.startsAt) : '');
  const [time, setTime] = useState(session.startsAt ? seoulTime(session.startsAt) : '');
  const [roomId, setRoomId] = useState(session.roomId ?? '');
  const dialog = useDialogSubmit();
  const labels: Record<string, string> = { startsAt: t('staff.session.day'), endsAt: t('staff.session.day'), time: t('staff.session.time'), roomId: t('staff.session.room') };
  const save = async () => {
    const issues: Issues = {};
    if (!isRealDay(day)) issues.startsAt = { key: 'errors.isoDay' };
    if (!isTime(time)) issues.time = { key: 'courses:staff.form.error.time' };
    await dialog.submit(issues, async () => {
      const startsAt = seoulInstant(day, time)!;
      const saved = await patch<SessionViewT>(`/admin/sessions/${session.id}`, { startsAt, endsAt: sessionEnd(startsAt, session.durationMinutes, session.days), roomId: roomId || null });
      onClose();
      await onMoved(saved);
    });
  };
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose} submitLabel={t('staff.move.submit')}>
      <Text size="sm">{t('staff.move.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput id="move-day" label={t('staff.session.day')} description={t('staff.form.dayHelp')} value={day} onChange={(e) => setDay(e.currentTarget.value)} error={dialog.errors.startsAt ?? dialog.errors.endsAt} required data-autofocus />
        <TextInput id="move-time" label={t('staff.session.time')} description={t('staff.form.timeHelp')} value={time} onChange={(e) => setTime(e.currentTarget.value)} error={dialog.errors.time} required />
      </SimpleGrid>
      <NativeSelect
        id="move-room"
        label={t('staff.session.room')}
        value={roomId}
        onChange={(e) => setRoomId(e.currentTarget.value)}
        data={[{ value: '', label: t('staff.sessionForm.noRoom') }, ...rooms.map((r) => ({ value: r.id, label: t('staff.roomOption', { name: text(r.name), place: text(r.place), capacity: r.capacity }) }))]}
        error={dialog.errors.roomId}
      />
    </DialogForm>
  );
}
