/**
 * Enrolling in an open cohort: signed out, a sign-in link that comes back here; signed in, the
 * person's place (enrolled, or waitlisted with the position) and the buttons to enrol or cancel.
 * One Idempotency-Key per click, reused when the answer was lost, so retrying never enrols twice.
 */
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicCohortSummaryT } from '../../../../src/shared/contracts/courses';
import type { EnrolmentViewT, MyEnrolmentsListT } from '../../../../src/shared/contracts/enrolment';
import { ApiError, get } from '../../lib/api';
import { Loading } from '../../lib/LoadState';
import { useSession } from '../../lib/session';
import { useLang } from '../../lib/text';
import { useLoad } from '../../lib/useApiGet';
import { signInPath } from '../../recruitment/sign-in-return';
import { ConfirmDialog, StatusLine } from '../../review/parts';
import { enrolmentWindow, newAttemptKey, seoulDateTime } from './course-format';
import { cancelEnrolment, requestEnrolment } from './enrol-api';
import { attemptKeys, isRetryable } from './idempotency';

export function EnrolPanel({ cohort }: { cohort: PublicCohortSummaryT }) {
  const { t } = useTranslation('courses');
  const { me, loading } = useSession();
  if (loading && !me) return <Loading />;
  if (!me?.user) {
    return (
      <Alert color="campus" variant="outline">
        <Text mb="xs">{t('public.enrol.signInNeeded')}</Text>
        <Anchor component={Link} to={signInPath(`/courses/${cohort.id}`)} className="course-action-link" mr="md">
          {t('public.enrol.signIn')}
        </Anchor>
        <Anchor component={Link} to="/sign-up" className="course-action-link">
          {t('public.enrol.signUp')}
        </Anchor>
      </Alert>
    );
  }
  return <SignedInEnrol cohort={cohort} userId={me.user.id} />;
}

function SignedInEnrol({ cohort, userId }: { cohort: PublicCohortSummaryT; userId: string }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const mine = useLoad(() => get<MyEnrolmentsListT>('/me/enrolments'), [userId, lang]);
  const keys = useRef(attemptKeys(() => newAttemptKey(crypto)));
  const standingRef = useRef<HTMLParagraphElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [retry, setRetry] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);

  const current = mine.data?.enrolments.find((e) => e.cohortId === cohort.id && e.status !== 'cancelled') ?? null;
  const phase = enrolmentWindow(cohort, new Date());

  const focusStanding = () => requestAnimationFrame(() => standingRef.current?.focus());

  const resultText = (e: EnrolmentViewT) => (e.status === 'waitlisted' ? t('public.enrol.doneWaitlisted', { position: e.waitlistPosition ?? '' }) : t('public.enrol.doneEnrolled'));

  const enrol = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage('');
    const key = keys.current.keyFor();
    try {
      const enrolment = await requestEnrolment(cohort.id, key);
      keys.current.answered();
      setRetry(false);
      setMessage(resultText(enrolment));
      await mine.reload();
      focusStanding();
    } catch (err) {
      const status = err instanceof ApiError ? err.status : null;
      if (isRetryable(status)) {
        keys.current.unanswered();
        setRetry(true);
        setError(t('public.enrol.unconfirmed'));
      } else {
        keys.current.answered();
        setRetry(false);
        setError(err instanceof ApiError ? err.message : t('web:common.error.network'));
        await mine.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    await cancelEnrolment(cohort.id);
    setConfirmOpen(false);
    setMessage(t('public.enrol.cancelled'));
    await mine.reload();
    focusStanding();
  };

  if (mine.data === undefined && mine.error === undefined) return <Loading />;

  return (
    <Stack gap="sm" align="flex-start">
      <StatusLine message={message} testId="enrol-status" />
      {error && (
        <Alert role="alert" color="red.9" variant="outline" data-testid="enrol-error">
          {error}
        </Alert>
      )}
      <Text ref={standingRef} tabIndex={-1} fw={500} data-testid="enrol-standing">
        {current === null ? (
          t('public.enrol.notEnrolled')
        ) : current.status === 'enrolled' ? (
          <span className="course-badge course-badge-enrolled">{t('public.enrol.enrolled')}</span>
        ) : (
          <span className="course-badge course-badge-waitlisted">{t('public.enrol.waitlisted', { position: current.waitlistPosition ?? '' })}</span>
        )}
      </Text>
      {current === null && phase === 'open' && (
        <>
          <Text size="sm">{t('public.enrol.note')}</Text>
          <Button onClick={() => void enrol()} aria-busy={busy || undefined} data-testid="enrol-button">
            {busy ? t('public.enrol.working') : retry ? t('public.enrol.retry') : t('public.enrol.button')}
          </Button>
        </>
      )}
      {current === null && phase === 'upcoming' && cohort.enrolmentOpensAt && <Text>{t('public.enrol.opensAt', { at: seoulDateTime(cohort.enrolmentOpensAt, lang) })}</Text>}
      {current === null && phase === 'closed' && <Text>{t('public.enrol.closed')}</Text>}
      {current !== null && (
        <>
          {current.status === 'enrolled' && (
            <Anchor component={Link} to={`/me/courses/${cohort.id}`} className="course-action-link">
              {t('public.enrol.toMyCourse')}
            </Anchor>
          )}
          <Text size="sm">{current.status === 'enrolled' ? t('public.enrol.cancelNoteEnrolled') : t('public.enrol.cancelNoteWaitlisted')}</Text>
          <Button variant="outline" color="red.9" onClick={() => setConfirmOpen(true)}>
            {current.status === 'enrolled' ? t('public.enrol.cancel') : t('public.enrol.leaveWaitlist')}
          </Button>
          <ConfirmDialog
            opened={confirmOpen}
            title={t('public.enrol.cancelTitle')}
            confirmLabel={current.status === 'enrolled' ? t('public.enrol.cancelConfirm') : t('public.enrol.leaveConfirm')}
            onConfirm={cancel}
            onClose={() => setConfirmOpen(false)}
          >
            {current.status === 'enrolled' ? t('public.enrol.cancelBodyEnrolled') : t('public.enrol.cancelBodyWaitlisted')}
          </ConfirmDialog>
        </>
      )}
    </Stack>
  );
}
