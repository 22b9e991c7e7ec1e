/**
 * /me/availability: a lecturer of the network (an account holding 'mentor') states when they can
 * teach — weekly hours, dates away and slot wishes — for the timetable. Anyone else is told, in
 * plain words, that the page is for lecturers and how to become one; never an error dump.
 */
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LecturerAvailabilityViewT } from '../../../../src/shared/contracts/courses';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { ApiError, put } from '../../lib/api';
import { LoadState } from '../../lib/LoadState';
import { useSession } from '../../lib/session';
import { useApiGet } from '../../lib/useApiGet';
import { SignedInOnly } from '../../review/parts';
import { LecturerAvailabilityForm, SavedAt } from '../LecturerAvailabilityForm';

export default function AvailabilityPage() {
  const { t } = useTranslation('courses');
  return (
    <SignedInOnly title={t('me.availability.title')}>
      <Availability />
    </SignedInOnly>
  );
}

function NotLecturer() {
  const { t } = useTranslation('courses');
  return (
    <Alert role="note" color="campus" variant="outline" title={t('me.availability.notLecturerTitle')} data-testid="not-lecturer">
      <Text mb="xs">{t('me.availability.notLecturer')}</Text>
      <Anchor component={Link} to="/courses" className="inline-link">
        {t('me.availability.toCourses')}
      </Anchor>
    </Alert>
  );
}

function Availability() {
  const { t } = useTranslation('courses');
  const { me } = useSession();
  const isLecturer = (me?.user?.roles ?? []).includes('mentor');
  return (
    <Stack gap="md" className="oc-availability">
      <Title order={1}>{t('me.availability.title')}</Title>
      {isLecturer ? <LecturerForm /> : <NotLecturer />}
    </Stack>
  );
}

function LecturerForm() {
  const { t } = useTranslation('courses');
  const state = useApiGet<LecturerAvailabilityViewT>('/me/availability');
  const [message, setMessage] = useState('');
  const [savedAt, setSavedAt] = useState<string | null | undefined>(undefined);
  // The role may have been taken away since the page loaded: the server then says "not a lecturer".
  if (state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 403)) return <NotLecturer />;
  return (
    <>
      <Text>{t('me.availability.intro')}</Text>
      <LoadState state={state}>
        {(view) => (
          <>
            <SavedAt at={savedAt === undefined ? view.updatedAt : savedAt} />
            <LecturerAvailabilityForm
              initial={view}
              idPrefix="me-av"
              headingOrder={2}
              submitLabel={t('me.availability.save')}
              save={(body) => put<LecturerAvailabilityViewT>('/me/availability', body)}
              onSaved={(saved) => {
                setSavedAt(saved.updatedAt);
                setMessage(t('me.availability.saved'));
              }}
            />
            <StatusMessage message={message} />
          </>
        )}
      </LoadState>
    </>
  );
}
