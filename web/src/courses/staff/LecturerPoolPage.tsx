/**
 * /admin/courses/lecturers: the network's lecturer pool (accounts holding 'mentor'), each with a
 * dialog to see and, on their behalf, change when they can teach — the same editors the lecturer
 * uses on /me/availability. The timetable reads what is saved here.
 */
import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LecturerAvailabilityViewT, LecturerPoolT } from '../../../../src/shared/contracts/courses';
import { AdminModal } from '../../admin/components/AdminModal';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { put } from '../../lib/api';
import { LoadState } from '../../lib/LoadState';
import { useApiGet } from '../../lib/useApiGet';
import { LecturerAvailabilityForm, SavedAt } from '../LecturerAvailabilityForm';

type Lecturer = LecturerPoolT['lecturers'][number];

function AvailabilityDialog({ lecturer, onClose, onSaved }: { lecturer: Lecturer | null; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation('courses');
  return (
    <AdminModal opened={lecturer !== null} onClose={onClose} title={lecturer ? t('staff.lecturerPool.dialogTitle', { name: lecturer.name }) : ''} size="xl" className="oc-courses-staff">
      {lecturer && <AvailabilityBody key={lecturer.userId} lecturer={lecturer} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function AvailabilityBody({ lecturer, onClose, onSaved }: { lecturer: Lecturer; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation('courses');
  const path = `/admin/lecturers/${encodeURIComponent(lecturer.userId)}/availability`;
  const state = useApiGet<LecturerAvailabilityViewT>(path);
  return (
    <LoadState state={state}>
      {(view) => (
        <Stack gap="sm">
          <SavedAt at={view.updatedAt} />
          <LecturerAvailabilityForm
            initial={view}
            idPrefix="staff-av"
            headingOrder={3}
            submitLabel={t('admin:common.save')}
            save={(body) => put<LecturerAvailabilityViewT>(path, body)}
            onCancel={onClose}
            onSaved={() => {
              onClose();
              onSaved(t('staff.lecturerPool.saved', { name: lecturer.name }));
            }}
          />
        </Stack>
      )}
    </LoadState>
  );
}

export function LecturerPoolPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('staff.lecturerPool.title'));
  const pool = useApiGet<LecturerPoolT>('/admin/lecturers');
  const [open, setOpen] = useState<Lecturer | null>(null);
  const [message, setMessage] = useState('');
  return (
    <Stack>
      <Anchor component={Link} to="/admin/courses" className="oc-course-nav-link">
        {t('staff.nav.allCourses')}
      </Anchor>
      <Title order={1}>{t('staff.lecturerPool.title')}</Title>
      <Text>{t('staff.lecturerPool.intro')}</Text>
      <StatusMessage message={message} />
      <LoadState state={pool}>
        {(data) =>
          data.lecturers.length === 0 ? (
            <Text>{t('staff.lecturerPool.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="lecturer-pool">
                <Table.Caption>{t('staff.lecturerPool.caption', { count: data.lecturers.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('staff.lecturerPool.name')}</Table.Th>
                    <Table.Th scope="col">{t('staff.lecturerPool.email')}</Table.Th>
                    <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.lecturers.map((l) => (
                    <Table.Tr key={l.userId}>
                      <Table.Th scope="row" fw={400}>
                        {l.name}
                      </Table.Th>
                      <Table.Td className="oc-wrap">{l.email}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => setOpen(l)} aria-label={t('staff.lecturerPool.openLabel', { name: l.name })} data-testid={`availability-${l.userId}`}>
                          {t('staff.lecturerPool.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </LoadState>
      <AvailabilityDialog lecturer={open} onClose={() => setOpen(null)} onSaved={setMessage} />
    </Stack>
  );
}
