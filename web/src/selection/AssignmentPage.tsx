/**
 * /admin/review/calls/:id/assignment: start an automatic assignment (k reviewers per application,
 * candidates per application, a time limit), follow it while it solves off the request thread, then
 * read the result — proven optimal, total affinity and every pair with why it was made — or, when no
 * assignment exists, what to change. Staff may add or remove a pair by hand, with a reason (audited).
 */
import { Alert, Anchor, Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ApplicationListT } from '../../../src/shared/contracts/recruitment';
import type { AssignmentListT, AssignmentRunListT, AssignmentRunViewT, AssignmentViewT, ReviewerListT, ReviewSettingsViewT } from '../../../src/shared/contracts/review';
import { formatAuditTime } from '../admin/audit-format';
import { FactList } from '../admin/components/FactList';
import { PageHeading } from '../admin/components/PageHeading';
import { SectionForm } from '../admin/components/SectionForm';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { StatusMessage } from '../admin/components/StatusMessage';
import { usePageTitle } from '../app/usePageTitle';
import { del, post } from '../lib/api';
import { FormErrorSummary, useSubmit, type FieldErrors } from '../lib/forms';
import { LoadError, LoadState, Loading } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { usePolling } from '../lib/usePolling';
import { CallReviewNav, useCall, usePageName } from './CallReviewNav';
import { ReasonDialog } from './components/ReasonDialog';
import { RunProgress } from './components/RunProgress';
import { formatCount, isFinishedRun, parsePositiveInt, phaseKey, runProgress } from './format';
import { ReasonsAlert, RunHistory } from './runs';
import './selection.css';
import { enumLabel } from '../lib/labels';

type Run = AssignmentRunViewT;

/** The words for a run's state: waiting, its current step, or how it ended. */
function useRunStatusText() {
  const { t } = useTranslation('selection');
  return (run: Run): string => {
    switch (run.status) {
      case 'queued':
        return t('assignment.progress.queued');
      case 'running': {
        const phase = phaseKey(run.phase);
        return phase ? t('assignment.progress.running', { phase: t(`assignment.phase.${phase}`) }) : t('assignment.progress.runningNoPhase');
      }
      case 'assigned':
        return t('assignment.progress.assigned', { count: run.result?.pairs ?? 0 });
      case 'infeasible':
        return t('assignment.progress.infeasible');
      case 'failed':
        return t('assignment.progress.failed');
    }
  };
}

function RunResult({ run }: { run: Run }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const result = run.result;
  const when = formatAuditTime(run.createdAt, lang);
  return (
    <Box component="section" aria-labelledby="assignment-result" data-testid="assignment-result">
      <Title order={2} size="h3" id="assignment-result" mb="xs" tabIndex={-1}>
        {t('assignment.result.heading', { when })}
      </Title>
      <Text size="sm" mb="xs">
        {t('assignment.result.params', { k: run.params.k, topK: run.params.topK, seconds: run.params.timeLimitSeconds, seed: run.params.seed })}
      </Text>
      {run.status === 'assigned' && result && (
        <FactList
          facts={[
            { label: t('assignment.result.optimal'), value: result.optimal ? t('assignment.result.optimalYes') : t('assignment.result.optimalNo'), testId: 'assignment-optimal' },
            { label: t('assignment.result.objective'), value: result.objective === undefined ? t('common.none') : formatCount(result.objective, lang), testId: 'assignment-objective' },
            { label: t('assignment.result.pairs'), value: t('assignment.result.pairsValue', { pairs: result.pairs ?? 0, kept: result.kept ?? 0, replaced: result.replaced ?? 0 }) },
          ]}
        />
      )}
      {run.status === 'infeasible' && <ReasonsAlert title={t('assignment.result.infeasibleTitle')} reasons={result?.reasons ?? []} testId="assignment-infeasible" />}
      {run.status === 'failed' && (
        <Alert color="red.9" variant="outline" title={t('assignment.result.failedTitle')}>
          {result?.message ? <Loc value={result.message} /> : t('assignment.result.failedBody', { error: result?.error ?? result?.solverStatus ?? '' })}
        </Alert>
      )}
      {!isFinishedRun(run.status) && <Text>{t('assignment.result.pending')}</Text>}
    </Box>
  );
}

function StartForm({ callId, defaultK, onStarted }: { callId: string; defaultK: number; onStarted: (run: Run) => void }) {
  const { t } = useTranslation('selection');
  const [k, setK] = useState(String(defaultK));
  const [topK, setTopK] = useState('');
  const [limit, setLimit] = useState('');
  const submit = useSubmit();
  const start = () => {
    const values = { k: parsePositiveInt(k, 20), topK: parsePositiveInt(topK, 500), timeLimitSeconds: parsePositiveInt(limit, 600) };
    const errors: FieldErrors = {};
    if (values.k === 'invalid') errors.k = t('assignment.start.kInvalid');
    if (values.topK === 'invalid') errors.topK = t('assignment.start.topKInvalid');
    if (values.timeLimitSeconds === 'invalid') errors.timeLimitSeconds = t('assignment.start.limitInvalid');
    void submit.run(errors, async () => {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'number'));
      onStarted(await post<Run>(`/admin/calls/${callId}/assignment-runs`, body));
    });
  };
  const fields = [
    { name: 'k', id: 'run-k', label: t('assignment.start.k') },
    { name: 'topK', id: 'run-topk', label: t('assignment.start.topK') },
    { name: 'timeLimitSeconds', id: 'run-limit', label: t('assignment.start.limit') },
  ];
  return (
    <SectionForm headingId="assignment-start" title={t('assignment.start.heading')} onSubmit={start}>
      <FormErrorSummary state={submit} fields={fields} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput id="run-k" label={t('assignment.start.k')} description={t('assignment.start.kHelp', { k: defaultK })} value={k} onChange={(e) => setK(e.currentTarget.value)} inputMode="numeric" error={submit.fieldErrors.k} />
        <TextInput id="run-topk" label={t('assignment.start.topK')} description={t('assignment.start.topKHelp')} value={topK} onChange={(e) => setTopK(e.currentTarget.value)} inputMode="numeric" error={submit.fieldErrors.topK} />
        <TextInput id="run-limit" label={t('assignment.start.limit')} description={t('assignment.start.limitHelp')} value={limit} onChange={(e) => setLimit(e.currentTarget.value)} inputMode="numeric" error={submit.fieldErrors.timeLimitSeconds} />
      </SimpleGrid>
      <Group>
        <Button type="submit" loading={submit.submitting} data-testid="assignment-start-button">
          {t('assignment.start.submit')}
        </Button>
      </Group>
    </SectionForm>
  );
}

const CHOICES = 100;

function ManualForm({ callId, onAdded }: { callId: string; onAdded: (a: AssignmentViewT) => Promise<void> }) {
  const { t } = useTranslation('selection');
  // The choices come from the paged lists: the first 100 that match, narrowed by typing a name.
  const [appQ, setAppQ] = useState('');
  const [reviewerQ, setReviewerQ] = useState('');
  const applications = usePagedList<ApplicationListT>(`/admin/calls/${callId}/applications`, { status: 'submitted', pageSize: CHOICES, q: appQ });
  const reviewers = usePagedList<ReviewerListT>(`/admin/calls/${callId}/reviewers`, { status: 'accepted', pageSize: CHOICES, q: reviewerQ });
  const [applicationId, setApplicationId] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const fields = [
    { name: 'applicationId', id: 'manual-application', label: t('assignment.manual.application') },
    { name: 'reviewerId', id: 'manual-reviewer', label: t('assignment.manual.reviewer') },
    { name: 'reason', id: 'manual-reason', label: t('common.reason') },
  ];
  const add = () => {
    const errors: FieldErrors = {};
    if (!applicationId) errors.applicationId = t('assignment.manual.choose');
    if (!reviewerId) errors.reviewerId = t('assignment.manual.choose');
    if (reason.trim() === '') errors.reason = t('common.reasonRequired');
    void submit.run(errors, async () => {
      const created = await post<AssignmentViewT>(`/admin/calls/${callId}/assignments`, { applicationId, reviewerId, reason: reason.trim() });
      setReason('');
      await onAdded(created);
    });
  };
  if (applications.error !== undefined) return <LoadError error={applications.error} onRetry={() => void applications.reload()} />;
  if (reviewers.error !== undefined) return <LoadError error={reviewers.error} onRetry={() => void reviewers.reload()} />;
  if (!applications.data || !reviewers.data) return <Loading />;
  const apps = applications.data.items;
  const people = reviewers.data.items;
  return (
    <SectionForm headingId="assignment-manual" title={t('assignment.manual.heading')} onSubmit={add}>
      <Text size="sm">{t('assignment.manual.intro')}</Text>
      <FormErrorSummary state={submit} fields={fields} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <FilterBox label={t('assignment.manual.findApplication')} value={appQ} onChange={setAppQ} testId="manual-application-search" />
        <FilterBox label={t('assignment.manual.findReviewer')} value={reviewerQ} onChange={setReviewerQ} testId="manual-reviewer-search" />
        <NativeSelect
          id="manual-application"
          label={t('assignment.manual.application')}
          value={applicationId}
          onChange={(e) => setApplicationId(e.currentTarget.value)}
          data={[{ value: '', label: t('assignment.manual.chooseApplication') }, ...apps.map((a) => ({ value: a.id, label: a.name }))]}
          error={submit.fieldErrors.applicationId}
          required
        />
        <NativeSelect
          id="manual-reviewer"
          label={t('assignment.manual.reviewer')}
          value={reviewerId}
          onChange={(e) => setReviewerId(e.currentTarget.value)}
          data={[{ value: '', label: t('assignment.manual.chooseReviewer') }, ...people.map((r) => ({ value: r.id, label: r.name ? `${r.name} (${r.email})` : r.email }))]}
          error={submit.fieldErrors.reviewerId}
          required
        />
      </SimpleGrid>
      <Textarea id="manual-reason" label={t('common.reason')} description={t('common.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={submit.fieldErrors.reason} required autosize minRows={2} maxLength={500} />
      <Group>
        <Button type="submit" loading={submit.submitting}>
          {t('assignment.manual.submit')}
        </Button>
      </Group>
    </SectionForm>
  );
}

type Pair = AssignmentViewT;
const PAIRS_PAGE_SIZE = 50;
const REVIEW_STATES = ['not_started', 'draft', 'submitted'] as const;

/**
 * The call's pairs, fifty at a time, paged and filtered on the server: a call of 300 applications
 * has about 900 pairs, and drawing every one made the page take seconds to appear.
 */
function PairsTable({ data, onPage, q, onSearch, status, onStatus, onRemove }: { data: AssignmentListT; onPage: (page: number) => void; q: string; onSearch: (q: string) => void; status: string; onStatus: (status: string) => void; onRemove: (a: Pair) => void }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="pairs-counts">
        {REVIEW_STATES.map((s) => t('assignment.pairs.count', { status: t(`assignment.reviewStatus.${s}`), count: data.counts[s] ?? 0 })).join(' · ')}
      </Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('assignment.pairs.filter')}
          value={status}
          onChange={(e) => onStatus(e.currentTarget.value)}
          data={[{ value: '', label: t('assignment.pairs.allStates') }, ...REVIEW_STATES.map((s) => ({ value: s, label: t(`assignment.reviewStatus.${s}`) }))]}
          w={240}
        />
        <FilterBox label={t('assignment.pairs.search')} value={q} onChange={onSearch} testId="pairs-search" />
      </Group>
      <DataTable<Pair>
        caption={t('assignment.pairs.caption', { count: data.total })}
        data={data}
        rowKey={(p) => p.id}
        onPage={onPage}
        empty={q || status ? t('assignment.pairs.noMatch') : t('assignment.pairs.empty')}
        minWidth={960}
        testId="pairs-table"
        columns={[
          {
            key: 'application',
            header: t('assignment.pairs.col.application'),
            rowHeader: true,
            cell: (p) => (
              <>
                {p.applicantName}
                {p.applicantOrganisation && (
                  <Text component="span" display="block" size="sm">
                    {p.applicantOrganisation}
                  </Text>
                )}
              </>
            ),
          },
          { key: 'reviewer', header: t('assignment.pairs.col.reviewer'), cell: (p) => <span style={{ overflowWrap: 'anywhere' }}>{p.reviewerName ?? p.reviewerEmail}</span> },
          { key: 'source', header: t('assignment.pairs.col.source'), cell: (p) => t(`assignment.source.${p.source}`) },
          { key: 'points', header: t('assignment.pairs.col.points'), className: 'oc-num', cell: (p) => (p.points === null ? t('common.none') : formatCount(p.points, lang)) },
          {
            key: 'why',
            header: t('assignment.pairs.col.why'),
            className: 'oc-why',
            cell: (p) => (
              <>
                {p.explanation && <Loc value={p.explanation} />}
                {p.reason && (
                  <Text component="span" display="block" size="sm">
                    {t('assignment.pairs.reason', { reason: p.reason })}
                  </Text>
                )}
              </>
            ),
          },
          { key: 'review', header: t('assignment.pairs.col.review'), cell: (p) => t(`assignment.reviewStatus.${p.reviewStatus}`) },
          {
            key: 'actions',
            header: t('common.actions'),
            cell: (p) => (
              <Button size="xs" variant="default" onClick={() => onRemove(p)} aria-label={t('assignment.pairs.removeLabel', { application: p.applicantName, reviewer: p.reviewerName ?? p.reviewerEmail })}>
                {t('assignment.pairs.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Stack>
  );
}

export function AssignmentPage() {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const { id = '' } = useParams();
  const call = useCall(id);
  usePageTitle(usePageName(t('assignment.title'), call.data));
  const settings = useApiGet<ReviewSettingsViewT>(`/admin/calls/${id}/review-settings`);
  const runs = useApiGet<AssignmentRunListT>(`/admin/calls/${id}/assignment-runs`);
  const [pairsPage, setPairsPage] = useState(1);
  const [pairsQ, setPairsQ] = useState('');
  const [pairsStatus, setPairsStatus] = useState('');
  const assignments = usePagedList<AssignmentListT>(`/admin/calls/${id}/assignments`, { page: pairsPage, pageSize: PAIRS_PAGE_SIZE, q: pairsQ, status: pairsStatus });
  const statusText = useRunStatusText();
  // The run being followed (started here, or found unfinished on arrival) and the run whose result is shown.
  const [active, setActive] = useState<Run | null>(null);
  const [shown, setShown] = useState<Run | null>(null);
  const [message, setMessage] = useState('');
  const [removing, setRemoving] = useState<AssignmentViewT | null>(null);
  const pairsHeading = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // On arrival, follow a run that is still going and show the latest result.
  const latest = runs.data?.runs[0];
  useEffect(() => {
    if (!latest) return;
    setShown((s) => s ?? latest);
    if (!isFinishedRun(latest.status)) setActive((a) => a ?? latest);
  }, [latest]);

  // Ask for the followed run's progress every second until it has finished.
  usePolling<Run>(active && !isFinishedRun(active.status) ? `/admin/assignment-runs/${active.id}` : null, async (next) => {
    setActive(next);
    if (!isFinishedRun(next.status)) return;
    setShown(next);
    await Promise.all([runs.reload(), assignments.reload()]);
  });

  const started = (run: Run) => {
    setActive(run);
    setShown(run);
    setMessage('');
  };

  const remove = async (reason: string) => {
    if (!removing) return;
    await del(`/admin/assignments/${removing.id}?reason=${encodeURIComponent(reason)}`);
    const name = removing.applicantName;
    setRemoving(null);
    await assignments.reload();
    setMessage(t('assignment.pairs.removed', { application: name }));
    pairsHeading.current?.focus();
  };

  return (
    <Stack>
      <CallReviewNav callId={id} />
      <PageHeading title={t('assignment.title')} subject={call.data?.title} />
      {call.error !== undefined && <LoadError error={call.error} onRetry={() => void call.reload()} />}
      <Text>{t('assignment.intro')}</Text>
      {settings.data ? (
        <StartForm key={settings.data.reviewsPerApplication} callId={id} defaultK={settings.data.reviewsPerApplication} onStarted={started} />
      ) : settings.error !== undefined ? (
        <LoadError error={settings.error} onRetry={() => void settings.reload()} />
      ) : (
        <Loading />
      )}
      <RunProgress label={t('assignment.progress.label')} value={active ? runProgress(active.status, active.phase) : null} statusText={active ? statusText(active) : ''} />
      <div ref={resultRef}>{shown && <RunResult run={active && active.id === shown.id ? active : shown} />}</div>
      <StatusMessage message={message} />
      <Box component="section" aria-labelledby="assignment-pairs">
        <Title order={2} size="h3" id="assignment-pairs" ref={pairsHeading} tabIndex={-1} mb="xs">
          {t('assignment.pairs.heading')}
        </Title>
        <LoadState state={assignments}>
          {(data) => (
            <PairsTable
              data={data}
              onPage={setPairsPage}
              q={pairsQ}
              onSearch={(text) => {
                setPairsQ(text);
                setPairsPage(1);
              }}
              status={pairsStatus}
              onStatus={(s) => {
                setPairsStatus(s);
                setPairsPage(1);
              }}
              onRemove={setRemoving}
            />
          )}
        </LoadState>
      </Box>
      <ManualForm
        callId={id}
        onAdded={async (a) => {
          await assignments.reload();
          setMessage(t('assignment.manual.added', { application: a.applicantName, reviewer: a.reviewerName ?? a.reviewerEmail }));
        }}
      />
      <RunHistory
        keys="assignment.runs"
        testId="assignment-runs"
        state={runs}
        columns={[
          { header: t('assignment.runs.col.status'), cell: (run) => enumLabel(t, 'assignmentRunStatus', run.status) },
          { header: t('assignment.runs.col.params'), cell: (run) => t('assignment.runs.paramsValue', { k: run.params.k, topK: run.params.topK, seconds: run.params.timeLimitSeconds }) },
          { header: t('assignment.runs.col.pairs'), num: true, cell: (run) => (run.result?.pairs === undefined ? t('common.none') : formatCount(run.result.pairs, lang)) },
          { header: t('assignment.runs.col.objective'), num: true, cell: (run) => (run.result?.objective === undefined ? t('common.none') : formatCount(run.result.objective, lang)) },
        ]}
        shownId={shown?.id ?? null}
        onShow={(run) => {
          setShown(run);
          resultRef.current?.querySelector<HTMLElement>('h2')?.focus();
        }}
      />
      <Text size="sm">
        <Anchor component={Link} to={`/admin/review/calls/${id}/scores`}>
          {t('assignment.next')}
        </Anchor>
      </Text>
      <ReasonDialog
        opened={removing !== null}
        title={t('assignment.pairs.removeTitle')}
        body={removing ? t('assignment.pairs.removeBody', { application: removing.applicantName, reviewer: removing.reviewerName ?? removing.reviewerEmail }) : ''}
        confirmLabel={t('assignment.pairs.removeConfirm')}
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
