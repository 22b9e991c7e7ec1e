/**
 * /admin/courses/cohorts/:id/completion: each member against every rule of the programme (met or
 * not, in words and numbers, never by colour alone) with the cohort's totals, before issuing;
 * issuing certificates to everyone who has completed (idempotent); certificates whose holder no
 * longer meets the rules (after a correction) flagged with a way to revoke them with a reason
 * (audited) — nothing is revoked by itself; attendance rates per session and for the cohort.
 */
import { Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CompletionFilter, type CertificateListT, type CertificateViewT, type CohortCompletionViewT, type IssueCertificatesResultT, type MemberCompletionViewT } from '../../../../src/shared/contracts/attendance';
import type { Issues } from '../../admin/form-errors';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { DataTable, FilterBox, usePagedList, type Column } from '../../components/DataTable';
import { post } from '../../lib/api';
import { enumLabel } from '../../lib/labels';
import { LoadError, LoadState } from '../../lib/LoadState';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { CertificatesTable } from './CertificatesTable';
import { CohortNav, useCohortDetail, useCohortPageName } from './CohortNav';
import { CompletionRates } from './CompletionRates';
import { certificateCell, ruleCell, ruleHeading, ruleKey } from './completion-rules';
import { formatPercent, REASON_MAX, REASON_MIN } from './format';

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

type Member = MemberCompletionViewT;
const MEMBERS_PAGE_SIZE = 50;

/** The members on one page against every rule; every member is held to the same rule, so the first one's rules name the columns. */
function MembersTable({ view, onPage, onRevoke }: { view: CohortCompletionViewT; onPage: (page: number) => void; onRevoke: (member: Member) => void }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const none = t('staff.common.none');
  const percent = (rate: number | null) => formatPercent(rate, lang) ?? none;
  const ruleColumns: Column<Member>[] = (view.items[0]?.rules ?? []).map((rule, i) => {
    const heading = ruleHeading(rule, percent, (type) => t(`staff.sessionType.${type}`));
    return {
      key: ruleKey(rule),
      header: t(heading.key, heading.values),
      cell: (m) => {
        const own = m.rules[i]!;
        const cell = ruleCell(own, percent);
        return (
          <div data-rule={ruleKey(own)} data-status={own.status}>
            <Text span fw={700} className={own.status === 'missed' ? 'oc-flag' : undefined}>
              <Mark met={cell.met} />
              {t(cell.status.key)}
            </Text>
            <Text size="sm">{t(cell.detail.key, cell.detail.values)}</Text>
            {cell.note && <Text size="sm">{t(cell.note.key, cell.note.values)}</Text>}
          </div>
        );
      },
    };
  });
  const certificateColumn: Column<Member> = {
    key: 'certificate',
    header: t('staff.completion.members.certificate'),
    cell: (m) => {
      const cert = certificateCell(m);
      return (
        <div data-testid="member-certificate">
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
        </div>
      );
    },
  };
  return (
    <DataTable<Member>
      caption={t('staff.completion.members.caption', { count: view.total })}
      data={view}
      rowKey={(m) => m.userId}
      rowData={(m) => ({ 'data-user-id': m.userId, ...(certificateCell(m).unsupported ? { 'data-unsupported': 'true' } : {}) })}
      onPage={onPage}
      empty={t('staff.completion.members.noMatch')}
      minWidth={860}
      testId="completion-members"
      columns={[{ key: 'name', header: t('staff.members.name'), rowHeader: true, cell: (m) => <span style={{ whiteSpace: 'nowrap' }}>{m.name}</span> }, ...ruleColumns, certificateColumn]}
    />
  );
}

/** The search box and the filter by one of the totals; a change goes back to page 1. */
function MemberFilters({ q, filter, onChange }: { q: string; filter: string; onChange: (q: string, filter: string) => void }) {
  const { t } = useTranslation('courses');
  return (
    <Group align="flex-end">
      <FilterBox label={t('staff.completion.members.search')} value={q} testId="completion-search" onChange={(text) => onChange(text, filter)} />
      <NativeSelect
        label={t('staff.completion.members.filter')}
        value={filter}
        onChange={(e) => onChange(q, e.currentTarget.value)}
        data={[{ value: '', label: t('staff.completion.members.filterAll') }, ...CompletionFilter.options.map((f) => ({ value: f, label: enumLabel(t, 'completionFilter', f) }))]}
        w={280}
        data-testid="completion-filter"
      />
    </Group>
  );
}

export function CompletionPage() {
  const { t } = useTranslation('courses');
  const { id = '' } = useParams();
  const detail = useCohortDetail(id);
  usePageTitle(useCohortPageName(t('staff.completion.title'), detail.data));
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState('');
  const completion = usePagedList<CohortCompletionViewT>(`/admin/cohorts/${id}/completion`, { page, pageSize: MEMBERS_PAGE_SIZE, q, filter });
  const certificates = useApiGet<CertificateListT>(`/admin/cohorts/${id}/certificates`);
  const [issued, setIssued] = useState<IssueCertificatesResultT | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(undefined);
  const [revoking, setRevoking] = useState<Revocable | null>(null);
  const [message, setMessage] = useState('');
  const filterBy = (text: string, value: string) => {
    setQ(text);
    setFilter(value);
    setPage(1);
  };

  // Issuing is for the whole cohort (every member who completed), never only the page shown.
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

  const totals = completion.data?.totals;
  const unsupported = totals?.noLongerSupported ?? 0;

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
              {view.totals.members === 0 ? (
                <Text>{t('staff.members.none')}</Text>
              ) : (
                <>
                  <Text size="sm">{t('staff.completion.members.totalsNote')}</Text>
                  <MemberFilters q={q} filter={filter} onChange={filterBy} />
                  <MembersTable view={view} onPage={setPage} onRevoke={revokeMember} />
                </>
              )}
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
          {t('staff.completion.issue.button', { count: totals?.readyToIssue ?? 0 })}
        </Button>
        {issueError !== undefined && <LoadError error={issueError} />}
        {issued && issued.notComplete.length > 0 && (
          <Button variant="default" size="xs" mb="sm" ml="sm" onClick={() => filterBy(q, 'not_complete')} data-testid="show-not-complete">
            {t('staff.completion.issue.showNotComplete')}
          </Button>
        )}
        <LoadState state={certificates}>{(list) => (list.certificates.length === 0 ? <Text>{t('staff.completion.certificates.none')}</Text> : <CertificatesTable certificates={list.certificates} onRevoke={setRevoking} />)}</LoadState>
      </Box>
      <CompletionRates cohortId={id} />
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
