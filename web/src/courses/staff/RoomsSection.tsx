/**
 * The rooms sessions can use (name, where it is, seats, when it is open), listed on the courses page,
 * added and edited in a dialog, weekly opening hours included (with no hours a room is open at any
 * time: the timetable reads an empty availability as always open).
 */
import { Box, Button, Group, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomListT, RoomViewT } from '../../../../src/shared/contracts/courses';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { LocalizedInputs } from '../../admin/components/LocalizedInputs';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { patch, post } from '../../lib/api';
import { LoadState } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { DataTable, FilterBox, usePagedList } from '../../components/DataTable';
import { draftToWeekly, weeklyToDraft } from '../availability';
import { useWeeklyFieldOf, WeeklyHoursEditor } from '../WeeklyHoursEditor';
import { formatAvailability, parseIntIn } from './format';

type Mode = { kind: 'add' } | { kind: 'edit'; room: RoomViewT };

function RoomDialog({ mode, onClose, onSaved }: { mode: Mode | null; onClose: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const title = mode?.kind === 'edit' ? t('staff.rooms.editTitle', { name: text(mode.room.name) }) : t('staff.rooms.addTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} className="oc-courses-staff">
      {mode && <RoomForm key={mode.kind === 'edit' ? mode.room.id : 'add'} mode={mode} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function RoomForm({ mode, onClose, onSaved }: { mode: Mode; onClose: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation('courses');
  const editing = mode.kind === 'edit' ? mode.room : null;
  const [name, setName] = useState({ ko: editing?.name.ko ?? '', en: editing?.name.en ?? '' });
  const [place, setPlace] = useState({ ko: editing?.place.ko ?? '', en: editing?.place.en ?? '' });
  const [capacity, setCapacity] = useState(editing ? String(editing.capacity) : '30');
  const [hours, setHours] = useState(() => weeklyToDraft(editing?.availability ?? {}));
  const dialog = useDialogSubmit();
  const hoursField = useWeeklyFieldOf('availability', 'room-hours');
  const labels: Record<string, string> = {
    'name.ko': t('admin:common.inKo', { label: t('staff.rooms.name') }),
    'name.en': t('admin:common.inEn', { label: t('staff.rooms.name') }),
    'place.ko': t('admin:common.inKo', { label: t('staff.rooms.place') }),
    'place.en': t('admin:common.inEn', { label: t('staff.rooms.place') }),
    capacity: t('staff.rooms.capacity'),
  };
  const bilingual = (v: { ko: string; en: string }) => ({ ko: v.ko.trim(), ...(v.en.trim() ? { en: v.en.trim() } : {}) });
  const save = async () => {
    const issues: Issues = {};
    if (!name.ko.trim()) issues['name.ko'] = { key: 'errors.required' };
    if (!place.ko.trim()) issues['place.ko'] = { key: 'errors.required' };
    const seats = parseIntIn(capacity, 1, 100_000);
    if (seats === null) issues.capacity = { key: 'courses:staff.form.error.capacity' };
    const availability = draftToWeekly(hours, 'availability');
    Object.assign(issues, availability.issues);
    await dialog.submit(issues, async () => {
      const body = { name: bilingual(name), place: bilingual(place), capacity: seats!, availability: availability.weekly };
      if (editing) await patch(`/admin/rooms/${editing.id}`, body);
      else await post('/admin/rooms', body);
      onClose();
      await onSaved(t(editing ? 'staff.rooms.saved' : 'staff.rooms.added', { name: body.name.ko }));
    });
  };
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p] ?? hoursField(p)?.label} onCancel={onClose}>
      <LocalizedInputs label={t('staff.rooms.name')} path="name" ko={name.ko} en={name.en} onChange={setName} errors={dialog.errors} requiredKo autoFocus id="room-name" />
      <LocalizedInputs label={t('staff.rooms.place')} path="place" ko={place.ko} en={place.en} onChange={setPlace} errors={dialog.errors} requiredKo id="room-place" />
      <TextInput id="room-capacity" label={t('staff.rooms.capacity')} inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.currentTarget.value)} error={dialog.errors.capacity} required />
      <WeeklyHoursEditor root="availability" idPrefix="room-hours" value={hours} onChange={setHours} errors={dialog.errors} headingOrder={3} heading={t('staff.rooms.hoursHeading')} />
    </DialogForm>
  );
}

const ROOM_PAGE_SIZE = 25;

export function RoomsSection() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const text = useLocText();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const rooms = usePagedList<RoomListT>('/admin/rooms', { q, page, pageSize: ROOM_PAGE_SIZE });
  const [mode, setMode] = useState<Mode | null>(null);
  const [message, setMessage] = useState('');
  return (
    <Box component="section" aria-labelledby="rooms-heading">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={2} size="h3" id="rooms-heading">
          {t('staff.rooms.heading')}
        </Title>
        <Button variant="default" onClick={() => setMode({ kind: 'add' })}>
          {t('staff.rooms.add')}
        </Button>
      </Group>
      <StatusMessage message={message} />
      <FilterBox
        label={t('staff.rooms.search')}
        value={q}
        testId="rooms-search"
        onChange={(value) => {
          setQ(value);
          setPage(1);
        }}
      />
      <LoadState state={rooms}>
        {(data) => (
          <DataTable<RoomViewT>
            caption={t('staff.rooms.caption', { count: data.total })}
            data={data}
            rowKey={(r) => r.id}
            onPage={setPage}
            empty={q ? t('staff.rooms.noMatch') : t('staff.rooms.none')}
            minWidth={700}
            testId="rooms-table"
            columns={[
              { key: 'name', header: t('staff.rooms.name'), rowHeader: true, cell: (r) => <Loc value={r.name} /> },
              { key: 'place', header: t('staff.rooms.place'), cell: (r) => <Loc value={r.place} /> },
              { key: 'capacity', header: t('staff.rooms.capacity'), className: 'oc-num', cell: (r) => r.capacity },
              { key: 'open', header: t('staff.rooms.open'), cell: (r) => formatAvailability(r.availability, lang) ?? t('staff.rooms.always') },
              {
                key: 'actions',
                header: t('staff.common.actions'),
                cell: (r) => (
                  <Button size="xs" variant="default" onClick={() => setMode({ kind: 'edit', room: r })} aria-label={t('staff.rooms.editTitle', { name: text(r.name) })}>
                    {t('staff.common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </LoadState>
      <RoomDialog
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={async (msg) => {
          await rooms.reload();
          setMessage(msg);
        }}
      />
    </Box>
  );
}
