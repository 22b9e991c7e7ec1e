/**
 * /admin/courses/lecturers: the network's lecturer pool (accounts holding 'mentor'), each with a
 * dialog to see and, on their behalf, change when they can teach — the same editors the lecturer
 * uses on /me/availability. The timetable reads what is saved here.
 */
import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LecturerAvailabilityViewT, LecturerPoolT } from '../../../../src/shared/contracts/courses';
import { DataTable, FilterBox, usePagedList } from '../../components/DataTable';
import { AdminModal } from '../../admin/components/AdminModal';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { put } from '../../lib/api';
import { LoadState } from '../../lib/LoadState';
import { useApiGet } from '../../lib/useApiGet';
import { LecturerAvailabilityForm, SavedAt } from '../LecturerAvailabilityForm';

type Lecturer = LecturerPoolT['items'][number];

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

const POOL_PAGE_SIZE = 50;

export function LecturerPoolPage() {
  const { t } = useTranslation('courses');
  usePageTitle(t('staff.lecturerPool.title'));
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pool = usePagedList<LecturerPoolT>('/admin/lecturers', { q, page, pageSize: POOL_PAGE_SIZE });
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
      <FilterBox
        label={t('staff.lecturerPool.search')}
        value={q}
        testId="lecturer-pool-search"
        onChange={(text) => {
          setQ(text);
          setPage(1);
        }}
      />
      <LoadState state={pool}>
        {(data) => (
          <DataTable<Lecturer>
            caption={t('staff.lecturerPool.caption', { count: data.total })}
            data={data}
            rowKey={(l) => l.userId}
            onPage={setPage}
            empty={q ? t('staff.lecturerPool.noMatch') : t('staff.lecturerPool.none')}
            minWidth={600}
            testId="lecturer-pool"
            columns={[
              { key: 'name', header: t('staff.lecturerPool.name'), rowHeader: true, cell: (l) => l.name },
              { key: 'email', header: t('staff.lecturerPool.email'), className: 'oc-wrap', cell: (l) => l.email },
              {
                key: 'actions',
                header: t('staff.common.actions'),
                cell: (l) => (
                  <Button size="xs" variant="default" onClick={() => setOpen(l)} aria-label={t('staff.lecturerPool.openLabel', { name: l.name })} data-testid={`availability-${l.userId}`}>
                    {t('staff.lecturerPool.open')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </LoadState>
      <AvailabilityDialog lecturer={open} onClose={() => setOpen(null)} onSaved={setMessage} />
    </Stack>
  );
}
