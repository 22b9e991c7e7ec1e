/**
 * /admin/courses/cohorts/:id/completion: attendance rates per participant, per session and for the
 * cohort; each member's completion as far as the server has judged it; issuing certificates to
 * everyone who has completed (idempotent), and revoking one with a reason (audited).
 */
import { Anchor, Box, Button, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CertificateListT, CertificateViewT, CohortAttendanceViewT, IssueCertificatesResultT } from '../../../../src/shared/contracts/attendance';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { post } from '../../lib/api';
import { LoadError, LoadState } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { CohortNav, useCohortDetail, useCohortPageName } from './CohortNav';
import { formatDay, formatPercent, REASON_MAX, REASON_MIN, seoulDay, seoulTime } from './format';

function RevokeDialog({ certificate, onClose, onRevoked }: { certificate: CertificateViewT | null; onClose: () => void; onRevoked: (c: CertificateViewT) => Promise<void> }) {
  const { t } = useTranslation('courses');
  return (
    <AdminModal opened={certificate !== null} onClose={onClose} title={certificate ? t('staff.completion.revoke.title', { number: certificate.number }) : ''} size="md" className="oc-courses-staff">
      {certificate && <RevokeForm key={certificate.id} certificate={certificate} onClose={onClose} onRevoked={onRevoked} />}
    </AdminModal>
  );
}

function RevokeForm({ certificate, onClose, onRevoked }: { certificate: CertificateViewT; onClose: () => void; onRevoked: (c: CertificateViewT) => Promise<void> }) {
  const { t } = useTranslation('courses');
  const [reason, setReason] = useState('');
  const dialog = useDialogSubmit();
  const save = async () => {
    const issues: Issues = reason.trim().length < REASON_MIN ? { reason: { key: 'courses:staff.attendance.correct.reasonShort', params: { min: REASON_MIN } } } : {};
    await dialog.submit(issues, async () => {
      const revoked = await post<CertificateViewT>(`/admin/certificates/${certificate.id}/revoke`, { reason: reason.trim() });
      onClose();
      await onRevoked(revoked);
    });
  };
  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={(p) => (p === 'reason' ? t('staff.completion.revoke.reason') : undefined)} onCancel={onClose} submitLabel={t('staff.completion.revoke.submit')}>
      <Text>{t('staff.completion.revoke.body', { name: certificate.holderName, number: certificate.number })}</Text>
      <Textarea id="revoke-reason" label={t('staff.completion.revoke.reason')} description={t('staff.attendance.correct.reasonHelp', { min: REASON_MIN, max: REASON_MAX })} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={dialog.errors.reason} required maxLength={REASON_MAX} autosize minRows={2} data-autofocus />
    </DialogForm>
  );
}

function Rates({ data }: { data: CohortAttendanceViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const none = t('staff.common.none');
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.cohortRate')}
          </Text>
          <Text component="dd" fw={700} m={0} data-testid="cohort-rate">
            {formatPercent(data.cohort.rate, lang) ?? none}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.presentDue')}
          </Text>
          <Text component="dd" fw={700} m={0}>
            {t('staff.completion.rates.presentDueValue', { present: data.cohort.present, due: data.cohort.due })}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm">
            {t('staff.completion.rates.at')}
          </Text>
          <Text component="dd" fw={700} m={0}>
            {formatDay(seoulDay(data.at), lang)}
          </Text>
        </div>
      </SimpleGrid>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="rates-sessions">
          <Table.Caption>{t('staff.completion.rates.sessionsCaption', { count: data.sessions.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.session.title')}</Table.Th>
              <Table.Th scope="col">{t('staff.session.startsAt')}</Table.Th>
              <Table.Th scope="col" className="oc-num">
                {t('staff.completion.rates.presentDue')}
              </Table.Th>
              <Table.Th scope="col" className="oc-num">
                {t('staff.completion.rates.rate')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.sessions.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Th scope="row" fw={400}>
                  <Loc value={s.title} />
                </Table.Th>
                <Table.Td>{s.startsAt ? <time dateTime={s.startsAt}>{t('staff.session.timeValue', { day: formatDay(seoulDay(s.startsAt), lang), time: s.endsAt ? `${seoulTime(s.startsAt)}\u2013${seoulTime(s.endsAt)}` : seoulTime(s.startsAt) })}</time> : t('staff.session.untimed')}</Table.Td>
                <Table.Td className="oc-num">{s.started ? t('staff.completion.rates.presentDueValue', { present: s.present, due: s.due }) : t('staff.completion.rates.notStarted')}</Table.Td>
                <Table.Td className="oc-num">{formatPercent(s.rate, lang) ?? none}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function CompletionPage() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const { id = '' } = useParams();
  const detail = useCohortDetail(id);
  usePageTitle(useCohortPageName(t('staff.completion.title'), detail.data));
  const attendance = useApiGet<CohortAttendanceViewT>(`/admin/cohorts/${id}/attendance`);
  const certificates = useApiGet<CertificateListT>(`/admin/cohorts/${id}/certificates`);
  const [issued, setIssued] = useState<IssueCertificatesResultT | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(undefined);
  const [revoking, setRevoking] = useState<CertificateViewT | null>(null);
  const [message, setMessage] = useState('');
  const minRate = detail.data?.programme.completionRule.minAttendanceRate;

  const issue = async () => {
    setIssuing(true);
    setIssueError(undefined);
    try {
      const result = await post<IssueCertificatesResultT>(`/admin/cohorts/${id}/certificates`);
      setIssued(result);
      await certificates.reload();
      setMessage(t('staff.completion.issue.done', { issued: result.issued.length, already: result.alreadyIssued, notComplete: result.notComplete.length }));
    } catch (err) {
      setIssueError(err);
    } finally {
      setIssuing(false);
    }
  };

  const certOf = (userId: string) => certificates.data?.certificates.find((c) => c.userId === userId);
  const pendingOf = (userId: string) => issued?.notComplete.find((n) => n.userId === userId);
  const completionText = (userId: string) => {
    const c = certOf(userId);
    if (c) return c.status === 'valid' ? t('staff.completion.members.certified', { number: c.number }) : t('staff.completion.members.revoked', { number: c.number });
    const p = pendingOf(userId);
    if (p) return t('staff.completion.members.notComplete', { met: p.rulesMet, total: p.rulesTotal });
    return t('staff.completion.members.unchecked');
  };

  return (
    <Stack>
      <CohortNav cohortId={id} />
      <Title order={1}>
        {t('staff.completion.title')}
        {detail.data && (
          <Text component="span" display="block" size="lg" fw={500}>
            <Loc value={detail.data.cohort.title} />
          </Text>
        )}
      </Title>
      {detail.error !== undefined && <LoadError error={detail.error} onRetry={() => void detail.reload()} />}
      <StatusMessage message={message} />
      <Box component="section" aria-labelledby="rates-heading">
        <Title order={2} size="h3" id="rates-heading" mb="xs">
          {t('staff.completion.rates.heading')}
        </Title>
        <LoadState state={attendance}>{(data) => <Rates data={data} />}</LoadState>
      </Box>
      <Box component="section" aria-labelledby="members-completion-heading">
        <Title order={2} size="h3" id="members-completion-heading" mb="xs">
          {t('staff.completion.members.heading')}
        </Title>
        {minRate !== undefined && <Text size="sm" mb="xs">{t('staff.completion.members.rule', { rate: formatPercent(minRate, lang) })}</Text>}
        <LoadState state={attendance}>
          {(data) =>
            data.participants.length === 0 ? (
              <Text>{t('staff.members.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={760}>
                <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="completion-members">
                  <Table.Caption>{t('staff.completion.members.caption', { count: data.participants.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('staff.members.name')}</Table.Th>
                      <Table.Th scope="col" className="oc-num">
                        {t('staff.completion.rates.presentDue')}
                      </Table.Th>
                      <Table.Th scope="col" className="oc-num">
                        {t('staff.completion.rates.excused')}
                      </Table.Th>
                      <Table.Th scope="col" className="oc-num">
                        {t('staff.completion.rates.rate')}
                      </Table.Th>
                      <Table.Th scope="col">{t('staff.completion.members.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.participants.map((p) => (
                      <Table.Tr key={p.userId} data-user-id={p.userId}>
                        <Table.Th scope="row" fw={400}>
                          {p.name}
                        </Table.Th>
                        <Table.Td className="oc-num">{t('staff.completion.rates.presentDueValue', { present: p.present, due: p.due })}</Table.Td>
                        <Table.Td className="oc-num">{p.excused}</Table.Td>
                        <Table.Td className="oc-num">
                          {formatPercent(p.rate, lang) ?? t('staff.common.none')}
                          {minRate !== undefined && p.rate !== null && p.rate < minRate && (
                            <Text component="span" display="block" size="sm" className="oc-flag">
                              {t('staff.completion.members.belowRule')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{completionText(p.userId)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </LoadState>
      </Box>
      <Box component="section" aria-labelledby="certificates-heading">
        <Title order={2} size="h3" id="certificates-heading" mb="xs">
          {t('staff.completion.certificates.heading')}
        </Title>
        <Text size="sm" mb="xs">
          {t('staff.completion.issue.intro')}
        </Text>
        <Button onClick={() => void issue()} loading={issuing} mb="sm" data-testid="issue-certificates">
          {t('staff.completion.issue.button')}
        </Button>
        {issueError !== undefined && <LoadError error={issueError} />}
        {issued && issued.notComplete.length > 0 && (
          <Box mb="sm">
            <Text fw={700}>{t('staff.completion.issue.notCompleteHeading')}</Text>
            <List spacing={4}>
              {issued.notComplete.map((n) => (
                <List.Item key={n.userId}>{t('staff.completion.issue.notCompleteItem', { name: n.name, met: n.rulesMet, total: n.rulesTotal })}</List.Item>
              ))}
            </List>
          </Box>
        )}
        <LoadState state={certificates}>
          {(list) =>
            list.certificates.length === 0 ? (
              <Text>{t('staff.completion.certificates.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={820}>
                <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="certificates-table">
                  <Table.Caption>{t('staff.completion.certificates.caption', { count: list.certificates.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('staff.completion.certificates.number')}</Table.Th>
                      <Table.Th scope="col">{t('staff.completion.certificates.holder')}</Table.Th>
                      <Table.Th scope="col">{t('staff.completion.certificates.issuedAt')}</Table.Th>
                      <Table.Th scope="col">{t('staff.completion.certificates.status')}</Table.Th>
                      <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.certificates.map((c) => (
                      <Table.Tr key={c.id} data-certificate-id={c.id}>
                        <Table.Th scope="row" fw={400}>
                          {c.number}
                        </Table.Th>
                        <Table.Td>{c.holderName}</Table.Td>
                        <Table.Td>{formatDay(seoulDay(c.issuedAt), lang)}</Table.Td>
                        <Table.Td data-testid="certificate-status">
                          {t(`staff.completion.certificates.statuses.${c.status}`)}
                          {c.revokedReason && (
                            <Text component="span" display="block" size="sm">
                              {t('staff.completion.certificates.revokedReason', { reason: c.revokedReason })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={c.verifyUrl} target="_blank" rel="noopener noreferrer" aria-label={t('staff.completion.certificates.verifyLabel', { number: c.number })} className="oc-course-nav-link" p={4}>
                            {t('staff.completion.certificates.verify')}
                          </Anchor>
                          {c.status === 'valid' && (
                            <Button size="xs" variant="default" ml="xs" onClick={() => setRevoking(c)} aria-label={t('staff.completion.revoke.label', { number: c.number, name: c.holderName })}>
                              {t('staff.completion.revoke.button')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </LoadState>
      </Box>
      <RevokeDialog
        certificate={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={async (c) => {
          await certificates.reload();
          setMessage(t('staff.completion.revoke.done', { number: c.number }));
        }}
      />
    </Stack>
  );
}
