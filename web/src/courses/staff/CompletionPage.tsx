/**
 * /admin/courses/cohorts/:id/completion: each member against every rule of the programme (met or
 * not, in words and numbers, never by colour alone) with the cohort's totals, before issuing;
 * issuing certificates to everyone who has completed (idempotent); certificates whose holder no
 * longer meets the rules (after a correction) flagged with a way to revoke them with a reason
 * (audited) — nothing is revoked by itself; attendance rates per session and for the cohort.
 */
import { Anchor, Box, Button, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CertificateListT, CertificateViewT, CohortAttendanceViewT, CohortCompletionViewT, IssueCertificatesResultT, MemberCompletionViewT } from '../../../../src/shared/contracts/attendance';
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
import { certificateCell, ruleCell, ruleHeading, ruleKey } from './completion-rules';
import { formatDay, formatPercent, REASON_MAX, REASON_MIN, seoulDay, seoulTime } from './format';
import { enumLabel } from '../../lib/labels';

/** What the revoke dialog needs: from the certificates table, or from a flagged member's row. */
type Revocable = Pick<CertificateViewT, 'id' | 'number' | 'holderName'>;

function RevokeDialog({ certificate, onClose, onRevoked }: { certificate: Revocable | null; onClose: () => void; onRevoked: (c: CertificateViewT) => Promise<void> }) {
  const { t } = useTranslation('courses');
  return (
    <AdminModal opened={certificate !== null} onClose={onClose} title={certificate ? t('staff.completion.revoke.title', { number: certificate.number }) : ''} size="md" className="oc-courses-staff">
      {certificate && <RevokeForm key={certificate.id} certificate={certificate} onClose={onClose} onRevoked={onRevoked} />}
    </AdminModal>
  );
}

function RevokeForm({ certificate, onClose, onRevoked }: { certificate: Revocable; onClose: () => void; onRevoked: (c: CertificateViewT) => Promise<void> }) {
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

/** ✓ or ✗ before a rule's status word: the word carries the meaning, the mark only helps the eye. */
function Mark({ met }: { met: boolean }) {
  return (
    <span aria-hidden="true">
      {met ? '\u2713' : '\u2717'}{' '}
    </span>
  );
}

function Totals({ view }: { view: CohortCompletionViewT }) {
  const { t } = useTranslation('courses');
  const items: [string, number, string][] = [
    ['members', view.totals.members, t('staff.completion.totals.members')],
    ['complete', view.totals.complete, t('staff.completion.totals.complete')],
    ['not-complete', view.totals.notComplete, t('staff.completion.totals.notComplete')],
    ['ready', view.totals.readyToIssue, t('staff.completion.totals.readyToIssue')],
    ['certified', view.totals.certified, t('staff.completion.totals.certified')],
    ['unsupported', view.totals.noLongerSupported, t('staff.completion.totals.noLongerSupported')],
  ];
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {t('staff.completion.totals.label')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} component="dl" m={0} data-testid="completion-totals">
        {items.map(([key, value, label]) => (
          <div key={key} data-total={key}>
            <Text component="dt" size="sm">
              {label}
            </Text>
            <Text component="dd" fw={700} m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </div>
  );
}

function MembersTable({ view, onRevoke }: { view: CohortCompletionViewT; onRevoke: (member: MemberCompletionViewT) => void }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const none = t('staff.common.none');
  const percent = (rate: number | null) => formatPercent(rate, lang) ?? none;
  // Every member is held to the same rule, so the first member's rules name the columns.
  const columns = view.members[0]?.rules ?? [];
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="completion-members">
        <Table.Caption>{t('staff.completion.members.caption', { count: view.members.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.members.name')}</Table.Th>
            {columns.map((rule) => {
              const heading = ruleHeading(rule, percent, (type) => t(`staff.sessionType.${type}`));
              return (
                <Table.Th scope="col" key={ruleKey(rule)}>
                  {t(heading.key, heading.values)}
                </Table.Th>
              );
            })}
            <Table.Th scope="col">{t('staff.completion.members.certificate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.members.map((m) => {
            const cert = certificateCell(m);
            return (
              <Table.Tr key={m.userId} data-user-id={m.userId} data-unsupported={cert.unsupported || undefined}>
                <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                  {m.name}
                </Table.Th>
                {m.rules.map((rule) => {
                  const cell = ruleCell(rule, percent);
                  return (
                    <Table.Td key={ruleKey(rule)} data-rule={ruleKey(rule)} data-status={rule.status}>
                      <Text span fw={700} className={rule.status === 'missed' ? 'oc-flag' : undefined}>
                        <Mark met={cell.met} />
                        {t(cell.status.key)}
                      </Text>
                      <Text size="sm">{t(cell.detail.key, cell.detail.values)}</Text>
                      {cell.note && <Text size="sm">{t(cell.note.key, cell.note.values)}</Text>}
                    </Table.Td>
                  );
                })}
                <Table.Td data-testid="member-certificate">
                  {cert.unsupported ? (
                    <>
                      <Text className="oc-flag" size="sm">
                        <span aria-hidden="true">{'\u26a0 '}</span>
                        {t(cert.line.key, cert.line.values)}
                      </Text>
                      <Button size="xs" variant="default" mt={4} onClick={() => onRevoke(m)} aria-label={t('staff.completion.members.revokeLabel', { number: m.certificate?.number ?? '', name: m.name })}>
                        {t('staff.completion.revoke.button')}
                      </Button>
                    </>
                  ) : (
                    t(cert.line.key, cert.line.values)
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CompletionPage() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const { id = '' } = useParams();
  const detail = useCohortDetail(id);
  usePageTitle(useCohortPageName(t('staff.completion.title'), detail.data));
  const completion = useApiGet<CohortCompletionViewT>(`/admin/cohorts/${id}/completion`);
  const attendance = useApiGet<CohortAttendanceViewT>(`/admin/cohorts/${id}/attendance`);
  const certificates = useApiGet<CertificateListT>(`/admin/cohorts/${id}/certificates`);
  const [issued, setIssued] = useState<IssueCertificatesResultT | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(undefined);
  const [revoking, setRevoking] = useState<Revocable | null>(null);
  const [message, setMessage] = useState('');

  const issue = async () => {
    setIssuing(true);
    setIssueError(undefined);
    try {
      const result = await post<IssueCertificatesResultT>(`/admin/cohorts/${id}/certificates`);
      setIssued(result);
      await Promise.all([certificates.reload(), completion.reload()]);
      setMessage(t('staff.completion.issue.done', { issued: result.issued.length, already: result.alreadyIssued, notComplete: result.notComplete.length }));
    } catch (err) {
      setIssueError(err);
    } finally {
      setIssuing(false);
    }
  };

  /** A flagged member's certificate, with the holder's name as printed on it when the list has it. */
  const revokeMember = (m: MemberCompletionViewT) => {
    if (!m.certificate) return;
    const printed = certificates.data?.certificates.find((c) => c.id === m.certificate!.id);
    setRevoking({ id: m.certificate.id, number: m.certificate.number, holderName: printed?.holderName ?? m.name });
  };

  const unsupported = completion.data?.totals.noLongerSupported ?? 0;

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
      <Box component="section" aria-labelledby="members-completion-heading">
        <Title order={2} size="h3" id="members-completion-heading" mb="xs">
          {t('staff.completion.members.heading')}
        </Title>
        <LoadState state={completion}>
          {(view) => (
            <Stack gap="sm">
              <Text size="sm">{t('staff.completion.members.intro', { count: view.sessions })}</Text>
              <Totals view={view} />
              {view.members.length === 0 ? <Text>{t('staff.members.none')}</Text> : <MembersTable view={view} onRevoke={revokeMember} />}
            </Stack>
          )}
        </LoadState>
      </Box>
      <Box component="section" aria-labelledby="certificates-heading">
        <Title order={2} size="h3" id="certificates-heading" mb="xs">
          {t('staff.completion.certificates.heading')}
        </Title>
        {unsupported > 0 && (
          <Box className="oc-notice oc-conflict" mb="sm" data-testid="stale-certificates">
            <Text fw={700}>{t('staff.completion.stale.title')}</Text>
            <Text size="sm">{t('staff.completion.stale.body', { count: unsupported })}</Text>
          </Box>
        )}
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
                      <Table.Tr key={c.id} data-certificate-id={c.id} data-unsupported={c.stillMeetsRules === false || undefined}>
                        <Table.Th scope="row" fw={400}>
                          {c.number}
                        </Table.Th>
                        <Table.Td>{c.holderName}</Table.Td>
                        <Table.Td>{formatDay(seoulDay(c.issuedAt), lang)}</Table.Td>
                        <Table.Td data-testid="certificate-status">
                          {enumLabel(t, 'certificateStatus', c.status)}
                          {c.status === 'valid' && c.stillMeetsRules === false && (
                            <Text component="span" display="block" size="sm" className="oc-flag">
                              <span aria-hidden="true">{'\u26a0 '}</span>
                              {t('staff.completion.certificates.unsupported')}
                            </Text>
                          )}
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
      <Box component="section" aria-labelledby="rates-heading">
        <Title order={2} size="h3" id="rates-heading" mb="xs">
          {t('staff.completion.rates.heading')}
        </Title>
        <LoadState state={attendance}>{(data) => <Rates data={data} />}</LoadState>
      </Box>
      <RevokeDialog
        certificate={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={async (c) => {
          await Promise.all([certificates.reload(), completion.reload()]);
          setMessage(t('staff.completion.revoke.done', { number: c.number }));
        }}
      />
    </Stack>
  );
}
