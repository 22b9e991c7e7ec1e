/**
 * /admin/courses/sessions/:id/attendance: the session's rotating check-in code and QR code, its
 * attendance list with corrections by hand (status and a reason, audited), and "mark session held"
 * (which books the lecturers' fees into the budget once). When a correction leaves someone's issued
 * certificate without support (they no longer meet the rules), the page warns and points to the
 * completion page; the certificate is not revoked by itself.
 */
import { Alert, Anchor, Box, Button, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ATTENDANCE_STATUSES, AttendanceStanding, type AttendanceCorrectionResultT, type AttendanceStatusT, type CohortAttendanceViewT } from '../../../../src/shared/contracts/attendance';
import type { HeldViewT, SessionViewT } from '../../../../src/shared/contracts/courses';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { ConfirmDialog } from '../../admin/components/ConfirmDialog';
import { DataTable, FilterBox, usePagedList } from '../../components/DataTable';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { post, put } from '../../lib/api';
import { LoadError, LoadState, Loading } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { CheckinCodePanel } from './CheckinCodePanel';
import { CohortNav } from './CohortNav';
import { formatDay, formatPercent, formatWon, REASON_MAX, REASON_MIN, seoulDay } from './format';
import { SessionTime } from './SessionCells';
import { enumLabel } from '../../lib/labels';

type Participant = CohortAttendanceViewT['items'][number];
type Saved = (message: string, result: AttendanceCorrectionResultT, person: Participant) => Promise<void>;

/** A valid certificate that the corrected person no longer meets the rules of, as the server judged it. */
interface CertificateWarning {
  name: string;
  number: string;
  /** This correction took the support away (rather than it being gone already). */
  lost: boolean;
}

function certificateWarningOf(result: AttendanceCorrectionResultT, name: string): CertificateWarning | null {
  const c = result.certificate;
  if (!c || c.status !== 'valid' || c.stillMeetsRules !== false) return null;
  return { name, number: c.number, lost: c.supportLost };
}

function CertificateWarningBox({ warning, cohortId }: { warning: CertificateWarning; cohortId: string }) {
  const { t } = useTranslation('courses');
  return (
    <Alert role="alert" color="red.9" variant="outline" title={t('staff.attendance.correct.certificateTitle')} data-testid="certificate-warning">
      <Text mb="xs">{t(warning.lost ? 'staff.attendance.correct.certificateLost' : 'staff.attendance.correct.certificateStill', { name: warning.name, number: warning.number })}</Text>
      <Anchor component={Link} to={`/admin/courses/cohorts/${cohortId}/completion`} className="oc-course-nav-link">
        {t('staff.attendance.correct.certificateReview')}
      </Anchor>
    </Alert>
  );
}

function CorrectionDialog({ person, sessionId, onClose, onSaved }: { person: Participant | null; sessionId: string; onClose: () => void; onSaved: Saved }) {
  const { t } = useTranslation('courses');
  return (
    <AdminModal opened={person !== null} onClose={onClose} title={person ? t('staff.attendance.correct.title', { name: person.name }) : ''} size="md" className="oc-courses-staff">
      {person && <CorrectionForm key={person.userId} person={person} sessionId={sessionId} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function CorrectionForm({ person, sessionId, onClose, onSaved }: { person: Participant; sessionId: string; onClose: () => void; onSaved: Saved }) {
  const { t } = useTranslation('courses');
  const [status, setStatus] = useState<AttendanceStatusT>(person.statuses[sessionId] ?? 'present');
  const [reason, setReason] = useState('');
  const dialog = useDialogSubmit();
  const labels: Record<string, string> = { status: t('staff.attendance.status'), reason: t('staff.attendance.correct.reason') };
  const save = async () => {
    const issues: Issues = {};
    if (reason.trim().length < REASON_MIN) issues.reason = { key: 'courses:staff.attendance.correct.reasonShort', params: { min: REASON_MIN } };
    await dialog.submit(issues, async () => {
      const result = await put<AttendanceCorrectionResultT>(`/admin/sessions/${sessionId}/attendance/${person.userId}`, { status, reason: reason.trim() });
      onClose();
      await onSaved(t('staff.attendance.correct.saved', { name: person.name, status: enumLabel(t, 'attendanceStatus', status) }), result, person);
    });
  };
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => labels[p]} onCancel={onClose} submitLabel={t('staff.attendance.correct.submit')}>
      <NativeSelect
        id="correct-status"
        label={t('staff.attendance.status')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as AttendanceStatusT)}
        data={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'attendanceStatus', s) }))}
        error={dialog.errors.status}
        data-autofocus
      />
      <Textarea id="correct-reason" label={t('staff.attendance.correct.reason')} description={t('staff.attendance.correct.reasonHelp', { min: REASON_MIN, max: REASON_MAX })} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={dialog.errors.reason} required maxLength={REASON_MAX} autosize minRows={2} />
    </DialogForm>
  );
}

const PEOPLE_PAGE_SIZE = 50;

/**
 * The cohort's people for this session, fifty at a time by name, paged and filtered on the server
 * (by name or address, and by standing against the programme's minimum); the session's rate above
 * the table counts every member. `version` grows after each correction to read the page again.
 */
function AttendanceList({ session, onCorrect, version }: { session: SessionViewT; onCorrect: (p: Participant) => void; version: number }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [standing, setStanding] = useState('');
  const state = usePagedList<CohortAttendanceViewT>(`/admin/cohorts/${session.cohortId}/attendance`, { page, pageSize: PEOPLE_PAGE_SIZE, q, standing });
  const reload = state.reload;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  const percent = (rate: number | null) => formatPercent(rate, lang) ?? t('staff.common.none');
  return (
    <LoadState state={state}>
      {(data) => {
        const rate = data.sessions.find((s) => s.sessionId === session.id);
        if (data.total === 0 && q === '' && standing === '') return <Text>{t('staff.attendance.list.none')}</Text>;
        return (
          <Stack gap="xs">
            {rate && <Text>{rate.started ? t('staff.attendance.list.rate', { present: rate.present, due: rate.due, excused: rate.excused, rate: percent(rate.rate) }) : t('staff.attendance.list.notStarted')}</Text>}
            <Text size="sm">{t('staff.attendance.list.minimum', { rate: percent(data.minRate) })}</Text>
            <Group align="flex-end">
              <FilterBox
                label={t('staff.attendance.list.search')}
                value={q}
                testId="attendance-search"
                onChange={(text) => {
                  setQ(text);
                  setPage(1);
                }}
              />
              <NativeSelect
                label={t('staff.attendance.list.standing')}
                value={standing}
                onChange={(e) => {
                  setStanding(e.currentTarget.value);
                  setPage(1);
                }}
                data={[{ value: '', label: t('staff.attendance.list.allStandings') }, ...AttendanceStanding.options.map((v) => ({ value: v, label: enumLabel(t, 'attendanceStanding', v) }))]}
                w={260}
                data-testid="attendance-standing"
              />
            </Group>
            <DataTable<Participant>
              caption={t('staff.attendance.list.caption', { count: data.total })}
              data={data}
              rowKey={(p) => p.userId}
              rowData={(p) => ({ 'data-user-id': p.userId })}
              onPage={setPage}
              empty={t('staff.attendance.list.noMatch')}
              minWidth={720}
              testId="attendance-table"
              columns={[
                { key: 'name', header: t('staff.members.name'), rowHeader: true, cell: (p) => p.name },
                { key: 'email', header: t('staff.members.email'), className: 'oc-wrap', cell: (p) => p.email },
                {
                  key: 'status',
                  header: t('staff.attendance.status'),
                  cell: (p) => {
                    const status = p.statuses[session.id];
                    return <span data-testid="attendance-status">{status ? enumLabel(t, 'attendanceStatus', status) : t('staff.attendanceStatus.none')}</span>;
                  },
                },
                { key: 'rate', header: t('staff.attendance.list.personRate'), cell: (p) => (p.rate === null ? t('staff.attendance.list.nothingDue') : t('staff.attendance.list.personRateValue', { present: p.present, due: p.due, rate: percent(p.rate) })) },
                {
                  key: 'actions',
                  header: t('staff.common.actions'),
                  cell: (p) => (
                    <Button size="xs" variant="default" onClick={() => onCorrect(p)} aria-label={t('staff.attendance.correct.label', { name: p.name })}>
                      {t('staff.attendance.correct.button')}
                    </Button>
                  ),
                },
              ]}
            />
          </Stack>
        );
      }}
    </LoadState>
  );
}

function HeldResult({ held }: { held: HeldViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  return (
    <Box className="oc-notice" data-testid="held-result">
      <Text fw={700} mb="xs">
        {t('staff.attendance.held.doneTitle')}
      </Text>
      {held.budgetLineId === null && <Text mb="xs">{t('staff.attendance.held.noLine')}</Text>}
      {held.bookings.length === 0 ? (
        <Text>{t('staff.attendance.held.noBookings')}</Text>
      ) : (
        <List spacing={4}>
          {held.bookings.map((b) => (
            <List.Item key={b.lecturerId}>{b.spendingId ? t('staff.attendance.held.booked', { name: b.displayName, amount: formatWon(b.amount, lang) }) : t('staff.attendance.held.notBooked', { name: b.displayName, amount: formatWon(b.amount, lang) })}</List.Item>
          ))}
        </List>
      )}
    </Box>
  );
}

export function AttendancePage() {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const lang = useLang();
  const { id = '' } = useParams();
  const session = useApiGet<SessionViewT>(`/admin/sessions/${id}`);
  const s = session.data;
  usePageTitle(s ? `${t('staff.attendance.title')} · ${text(s.title)}` : t('staff.attendance.title'));
  const [version, setVersion] = useState(0);
  const [correcting, setCorrecting] = useState<Participant | null>(null);
  const [message, setMessage] = useState('');
  const [warning, setWarning] = useState<CertificateWarning | null>(null);
  const [confirmHeld, setConfirmHeld] = useState(false);
  const [held, setHeld] = useState<HeldViewT | null>(null);
  return (
    <Stack>
      {s && <CohortNav cohortId={s.cohortId} />}
      <Title order={1}>
        {t('staff.attendance.title')}
        {s && (
          <Text component="span" display="block" size="lg" fw={500}>
            <Loc value={s.title} />
          </Text>
        )}
      </Title>
      {session.error !== undefined && <LoadError error={session.error} onRetry={() => void session.reload()} />}
      {!s && session.error === undefined && <Loading />}
      {s && (
        <>
          <Text>
            {enumLabel(t, 'sessionType', s.type)}
            {' · '}
            <SessionTime session={s} />
          </Text>
          <CheckinCodePanel sessionId={s.id} />
          <StatusMessage message={message} />
          {warning && <CertificateWarningBox warning={warning} cohortId={s.cohortId} />}
          <Box component="section" aria-labelledby="attendance-heading">
            <Title order={2} size="h3" id="attendance-heading" mb="xs">
              {t('staff.attendance.list.heading')}
            </Title>
            {s.startsAt && <Text size="sm" mb="xs">{t('staff.attendance.list.intro', { day: formatDay(seoulDay(s.startsAt), lang) })}</Text>}
            <AttendanceList session={s} onCorrect={setCorrecting} version={version} />
          </Box>
          <Box component="section" aria-labelledby="held-heading">
            <Title order={2} size="h3" id="held-heading" mb="xs">
              {t('staff.attendance.held.heading')}
            </Title>
            {s.heldAt || held ? (
              <Text fw={700} mb="xs" data-testid="held-state">
                {t('staff.attendance.held.already', { when: formatDay(seoulDay(held?.session.heldAt ?? s.heldAt ?? ''), lang) })}
              </Text>
            ) : (
              <>
                <Text size="sm" mb="xs">
                  {t('staff.attendance.held.intro')}
                </Text>
                <Button onClick={() => setConfirmHeld(true)} data-testid="mark-held">
                  {t('staff.attendance.held.button')}
                </Button>
              </>
            )}
            {held && <HeldResult held={held} />}
          </Box>
          <CorrectionDialog
            person={correcting}
            sessionId={s.id}
            onClose={() => setCorrecting(null)}
            onSaved={async (msg, result, person) => {
              setVersion((v) => v + 1);
              setMessage(msg);
              setWarning(certificateWarningOf(result, person.name));
            }}
          />
          <ConfirmDialog
            opened={confirmHeld}
            title={t('staff.attendance.held.confirmTitle')}
            confirmLabel={t('staff.attendance.held.button')}
            onClose={() => setConfirmHeld(false)}
            onConfirm={async () => {
              const result = await post<HeldViewT>(`/admin/sessions/${s.id}/held`);
              setHeld(result);
              setConfirmHeld(false);
              setMessage(t('staff.attendance.held.saved'));
            }}
          >
            {t('staff.attendance.held.confirmBody', { title: text(s.title) })}
          </ConfirmDialog>
        </>
      )}
    </Stack>
  );
}
