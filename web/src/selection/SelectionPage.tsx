/**
 * /admin/review/calls/:id/selection: lock applicants in or out, run the quota selection (HiGHS MIP,
 * ties from a stored seed), and read the run — solver status and gap, cut score, the quota table
 * and, per applicant, status, rank, score, margin to the cut, waitlist position and the quota that
 * bound them. A run can be replayed to show it reproduces, and one run is finalised: outcomes are
 * then written to the outbox, once per call.
 */
import { Anchor, Box, Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ScoresViewT } from '../../../src/shared/contracts/review';
import type { FinaliseViewT, SelectionReplayViewT, SelectionRunListT, SelectionRunSummaryT, SelectionRunViewT } from '../../../src/shared/contracts/selection';
import { formatAuditTime } from '../admin/audit-format';
import { ConfirmDialog } from '../admin/components/ConfirmDialog';
import { FactList } from '../admin/components/FactList';
import { PageHeading } from '../admin/components/PageHeading';
import { SectionForm } from '../admin/components/SectionForm';
import { StatusMessage } from '../admin/components/StatusMessage';
import { failureOf } from '../admin/form-errors';
import { usePageTitle } from '../app/usePageTitle';
import { get, post } from '../lib/api';
import { ErrorSummary, FormErrorSummary, useSubmit, type FieldErrors } from '../lib/forms';
import { LoadError } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { FilterBox, usePagedList } from '../components/DataTable';
import { CallReviewNav, useCall, usePageName } from './CallReviewNav';
import { formatCount, formatGap, formatNumber, lockOf, parsePositiveInt, seedToSend, setLock, type LockSet } from './format';
import { selectionStatusKey } from './labels';
import { RunApplicants } from './RunApplicants';
import { ReasonsAlert, RunHistory } from './runs';
import './selection.css';


const LOCK_CHOICES = 100;

function LockAndRun({ callId, onRun }: { callId: string; onRun: (run: SelectionRunViewT) => Promise<void> }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const [locks, setLocks] = useState<LockSet>({ in: [], out: [] });
  const [choice, setChoice] = useState('');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [seed, setSeed] = useState('');
  const [limit, setLimit] = useState('');
  const [lockMessage, setLockMessage] = useState('');
  const submit = useSubmit();
  // The choices are the best 100 scored applicants that match what is typed (the scores list pages).
  const [find, setFind] = useState('');
  const choices = usePagedList<ScoresViewT>(`/admin/calls/${callId}/scores`, { pageSize: LOCK_CHOICES, q: find });
  const scored = useMemo(() => (choices.data?.items ?? []).filter((a) => a.calibrated !== null), [choices.data]);
  // Names of the locked, kept when chosen: a locked applicant may not be among the choices shown now.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const name = useMemo(() => new Map([...names, ...scored.map((s) => [s.applicationId, s.applicantName] as const)]), [names, scored]);
  const options = scored.filter((s) => lockOf(locks, s.applicationId) === null);
  const fields = [
    { name: 'seed', id: 'selection-seed', label: t('selection.run.seed') },
    { name: 'timeLimitSeconds', id: 'selection-limit', label: t('selection.run.limit') },
  ];

  const addLock = () => {
    if (!choice) return;
    setLocks((l) => setLock(l, choice, direction));
    setNames((m) => new Map(m).set(choice, name.get(choice) ?? ''));
    setLockMessage(t(direction === 'in' ? 'selection.locks.addedIn' : 'selection.locks.addedOut', { name: name.get(choice) ?? choice }));
    setChoice('');
    // The add button is disabled until the next choice: focus goes back to the list, not to the page.
    document.getElementById('lock-applicant')?.focus();
  };
  const removeLock = (id: string) => {
    setLocks((l) => setLock(l, id, null));
    setLockMessage(t('selection.locks.removed', { name: name.get(id) ?? id }));
    document.getElementById('lock-applicant')?.focus();
  };
  const run = () => {
    const seconds = parsePositiveInt(limit, 3600);
    const errors: FieldErrors = {};
    if (seconds === 'invalid') errors.timeLimitSeconds = t('selection.run.limitInvalid');
    void submit.run(errors, async () => {
      const body: Record<string, unknown> = { locks };
      const s = seedToSend(seed);
      if (s !== undefined) body.seed = s;
      if (typeof seconds === 'number') body.timeLimitSeconds = seconds;
      await onRun(await post<SelectionRunViewT>(`/admin/calls/${callId}/selection-runs`, body));
    });
  };
  const locked = [...locks.in.map((id) => ({ id, way: 'in' as const })), ...locks.out.map((id) => ({ id, way: 'out' as const }))];

  return (
    <Stack>
      <Box component="section" aria-labelledby="selection-locks">
        <Title order={2} size="h3" id="selection-locks" mb="xs">
          {t('selection.locks.heading')}
        </Title>
        <Text size="sm" mb="xs">
          {t('selection.locks.intro')}
        </Text>
        <Group align="flex-end">
          <FilterBox label={t('selection.locks.find')} value={find} onChange={setFind} testId="lock-search" />
          <NativeSelect
            id="lock-applicant"
            label={t('selection.locks.applicant')}
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
            data={[
              { value: '', label: t('selection.locks.choose') },
              ...options.map((s) => ({ value: s.applicationId, label: t('selection.locks.option', { name: s.applicantName, score: formatNumber(s.calibrated, lang) ?? t('common.none') }) })),
            ]}
            w={360}
          />
          <NativeSelect
            id="lock-direction"
            label={t('selection.locks.direction')}
            value={direction}
            onChange={(e) => setDirection(e.currentTarget.value === 'out' ? 'out' : 'in')}
            data={[
              { value: 'in', label: t('selection.locks.in') },
              { value: 'out', label: t('selection.locks.out') },
            ]}
            w={200}
          />
          <Button variant="default" onClick={addLock} disabled={!choice} data-testid="add-lock">
            {t('selection.locks.add')}
          </Button>
        </Group>
        <StatusMessage message={lockMessage} />
        {locked.length === 0 ? (
          <Text size="sm">{t('selection.locks.none')}</Text>
        ) : (
          <Stack component="ul" gap={4} className="oc-plain-list" data-testid="locks">
            {locked.map((l) => {
              const who = name.get(l.id) ?? l.id;
              return (
                <Group component="li" key={l.id} gap="sm">
                  <Text>{t(l.way === 'in' ? 'selection.locks.lockedIn' : 'selection.locks.lockedOut', { name: who })}</Text>
                  <Button size="xs" variant="default" onClick={() => removeLock(l.id)} aria-label={t('selection.locks.removeLabel', { name: who })}>
                    {t('selection.locks.remove')}
                  </Button>
                </Group>
              );
            })}
          </Stack>
        )}
      </Box>
      <SectionForm headingId="selection-run-heading" title={t('selection.run.heading')} onSubmit={run}>
        <FormErrorSummary state={submit} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput id="selection-seed" label={t('selection.run.seed')} description={t('selection.run.seedHelp')} value={seed} onChange={(e) => setSeed(e.currentTarget.value)} maxLength={64} error={submit.fieldErrors.seed} />
          <TextInput id="selection-limit" label={t('selection.run.limit')} description={t('selection.run.limitHelp')} value={limit} onChange={(e) => setLimit(e.currentTarget.value)} inputMode="numeric" error={submit.fieldErrors.timeLimitSeconds} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={submit.submitting} data-testid="run-selection">
            {t('selection.run.submit')}
          </Button>
        </Group>
      </SectionForm>
    </Stack>
  );
}

function statusWords(run: SelectionRunSummaryT, t: (key: string, params?: Record<string, string>) => string, lang: 'ko' | 'en'): string {
  const { key, params } = selectionStatusKey(run.status, formatGap(run.gap, lang));
  return t(key, params);
}

function QuotaTable({ run }: { run: SelectionRunViewT }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const none = t('common.none');
  if (run.quotas.length === 0) return <Text>{t('selection.quotas.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="quota-table">
        <Table.Caption>{t('selection.quotas.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('selection.quotas.col.quota')}</Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('selection.quotas.col.min')}
            </Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('selection.quotas.col.max')}
            </Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('selection.quotas.col.candidates')}
            </Table.Th>
            <Table.Th scope="col" className="oc-num">
              {t('selection.quotas.col.selected')}
            </Table.Th>
            <Table.Th scope="col">{t('selection.quotas.col.tight')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.quotas.map((q) => (
            <Table.Tr key={q.index}>
              <Table.Th scope="row" fw={400}>
                <Loc value={q.label} />
              </Table.Th>
              <Table.Td className="oc-num">{q.min === null ? none : formatCount(q.min, lang)}</Table.Td>
              <Table.Td className="oc-num">{q.max === null ? none : formatCount(q.max, lang)}</Table.Td>
              <Table.Td className="oc-num">{formatCount(q.candidates, lang)}</Table.Td>
              <Table.Td className="oc-num" fw={700}>
                {formatCount(q.selected, lang)}
              </Table.Td>
              <Table.Td>{q.tight ? t(`selection.quotas.tight.${q.tight}`) : t('common.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface RunViewProps {
  run: SelectionRunViewT;
  /** The run whose outcomes were sent, if any (only one per call). */
  finalisedRun: SelectionRunSummaryT | undefined;
  onFinalised: (result: FinaliseViewT) => Promise<void>;
}

function RunView({ run, finalisedRun, onFinalised }: RunViewProps) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const [replayMessage, setReplayMessage] = useState('');
  const [replayError, setReplayError] = useState<string | undefined>();
  const [replaying, setReplaying] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const when = formatAuditTime(run.createdAt, lang);
  const canFinalise = !finalisedRun && (run.status === 'optimal' || run.status === 'feasible');

  const replay = async () => {
    setReplaying(true);
    setReplayError(undefined);
    setReplayMessage('');
    try {
      const res = await post<SelectionReplayViewT>(`/admin/selection-runs/${run.id}/replay`);
      setReplayMessage(res.identical ? t('selection.replay.identical') : t('selection.replay.different'));
    } catch (e) {
      setReplayError(failureOf(e, t('admin:errors.network')).summary);
    } finally {
      setReplaying(false);
    }
  };

  const finalise = async () => {
    const res = await post<FinaliseViewT>(`/admin/selection-runs/${run.id}/finalise`);
    setConfirming(false);
    await onFinalised(res);
    headingRef.current?.focus();
  };

  return (
    <Box component="section" aria-labelledby="selection-run-view" data-testid="selection-run">
      <Stack>
        <Title order={2} size="h3" id="selection-run-view" ref={headingRef} tabIndex={-1}>
          {t('selection.view.heading', { when, seed: run.seed })}
        </Title>
        <Text fw={700} data-testid="selection-status">
          {statusWords(run, t, lang)}
        </Text>
        {run.finalised && <Text fw={700}>{t('selection.view.finalised')}</Text>}
        <FactList
          facts={[
            { label: t('selection.view.cut'), value: formatNumber(run.cutScore, lang) ?? t('common.none'), testId: 'cut-score' },
            { label: t('selection.view.selected'), value: t('selection.view.selectedValue', { selected: run.selectedCount, capacity: run.capacity }) },
            { label: t('selection.view.waitlist'), value: formatCount(run.waitlistCount, lang) },
            { label: t('selection.view.solver'), value: solverWords(run.solverStatus, t) },
          ]}
        />
        {run.reasons.length > 0 && <ReasonsAlert title={t('selection.view.reasonsTitle')} reasons={run.reasons} testId="selection-reasons" />}
        <Group>
          <Button variant="default" onClick={() => void replay()} loading={replaying} data-testid="replay">
            {t('selection.replay.button')}
          </Button>
          {canFinalise && (
            <Button onClick={() => setConfirming(true)} data-testid="finalise">
              {t('selection.finalise.button')}
            </Button>
          )}
        </Group>
        <StatusMessage message={replayMessage} />
        <ErrorSummary title={replayError} />
        <Title order={3} size="h4">
          {t('selection.quotas.heading')}
        </Title>
        <QuotaTable run={run} />
        <Title order={3} size="h4">
          {t('selection.applicants.heading')}
        </Title>
        <RunApplicants runId={run.id} />
        {run.notScored.length > 0 && (
          <>
            <Title order={3} size="h4">
              {t('selection.notScored.heading')}
            </Title>
            <List spacing={4}>
              {run.notScored.map((n) => (
                <List.Item key={n.applicationId}>
                  {n.name ?? t('selection.applicants.anonymised')}
                  {': '}
                  <Loc value={n.text} />
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
      <ConfirmDialog opened={confirming} title={t('selection.finalise.title')} confirmLabel={t('selection.finalise.confirm')} onConfirm={finalise} onClose={() => setConfirming(false)}>
        {t('selection.finalise.body', { selected: run.selectedCount, waitlisted: run.waitlistCount })}
      </ConfirmDialog>
    </Box>
  );
}

export function SelectionPage() {
  const { t } = useTranslation('selection');
  const { id = '' } = useParams();
  const lang = useLang();
  const call = useCall(id);
  usePageTitle(usePageName(t('selection.title'), call.data));
  const runs = useApiGet<SelectionRunListT>(`/admin/calls/${id}/selection-runs`);
  const [shown, setShown] = useState<SelectionRunViewT | null>(null);
  const [shownError, setShownError] = useState<unknown>(undefined);
  const [message, setMessage] = useState('');
  const [finalised, setFinalised] = useState<FinaliseViewT | null>(null);
  const viewRef = useRef<HTMLDivElement>(null);

  const show = useCallback(async (runId: string) => {
    setShownError(undefined);
    try {
      setShown(await get<SelectionRunViewT>(`/admin/selection-runs/${runId}`));
    } catch (e) {
      setShownError(e);
    }
  }, []);

  // On arrival (and after a language switch, since explanations come in both languages anyway) show the latest run.
  const latestId = runs.data?.runs[0]?.id;
  const shownId = shown?.id;
  useEffect(() => {
    if (latestId && !shownId) void show(latestId);
  }, [latestId, shownId, show]);

  const finalisedRun = runs.data?.runs.find((r) => r.finalised);

  const ran = async (run: SelectionRunViewT) => {
    setShown(run);
    await runs.reload();
    setMessage(t('selection.run.done', { status: statusWords(run, t, lang), selected: run.selectedCount }));
    viewRef.current?.querySelector<HTMLElement>('#selection-run-view')?.focus();
  };

  const onFinalised = async (res: FinaliseViewT) => {
    setFinalised(res);
    setMessage(t('selection.finalise.done', { selected: res.selected, waitlisted: res.waitlisted, notSelected: res.notSelected, messages: res.queuedMessages }));
    await runs.reload();
    await show(res.runId);
  };

  return (
    <Stack>
      <CallReviewNav callId={id} />
      <PageHeading title={t('selection.title')} subject={call.data?.title} />
      {call.error !== undefined && <LoadError error={call.error} onRetry={() => void call.reload()} />}
      <Text>{t('selection.intro')}</Text>
      {finalisedRun && (
        <Text fw={700} data-testid="finalised-note">
          {t('selection.finalisedNote', { when: formatAuditTime(finalisedRun.createdAt, lang) })}{' '}
          <Anchor component={Link} to="/admin/review/outbox">
            {t('selection.toOutbox')}
          </Anchor>
        </Text>
      )}
      <LockAndRun callId={id} onRun={ran} />
      <StatusMessage message={message} />
      {finalised && (
        <Text>
          <Anchor component={Link} to="/admin/review/outbox" data-testid="outbox-link">
            {t('selection.finalise.openOutbox', { count: finalised.queuedMessages })}
          </Anchor>
        </Text>
      )}
      <div ref={viewRef}>
        {shownError !== undefined && <LoadError error={shownError} />}
        {shown && <RunView key={shown.id} run={shown} finalisedRun={finalisedRun} onFinalised={onFinalised} />}
      </div>
      <RunHistory
        keys="selection.runs"
        testId="selection-runs"
        state={runs}
        columns={[
          { header: t('selection.runs.col.status'), cell: (run) => statusWords(run, t, lang) },
          // The seed is typed back into the form to repeat a run's tie-breaks, so it shows as it is.
          { header: t('selection.runs.col.seed'), wrap: true, cell: (run) => <span data-verbatim>{run.seed}</span> },
          { header: t('selection.runs.col.selected'), num: true, cell: (run) => t('selection.view.selectedValue', { selected: run.selectedCount, capacity: run.capacity }) },
          { header: t('selection.runs.col.cut'), num: true, cell: (run) => formatNumber(run.cutScore, lang) ?? t('common.none') },
        ]}
        note={(run) =>
          run.finalised && (
            <Text component="span" display="block" size="sm" fw={700}>
              {t('selection.runs.finalised')}
            </Text>
          )
        }
        shownId={shown?.id ?? null}
        onShow={(run) =>
          void show(run.id).then(() => {
            viewRef.current?.querySelector<HTMLElement>('#selection-run-view')?.focus();
          })
        }
      />
    </Stack>
  );
}

// HiGHS reports its model status in English words of its own; the common ones are said in the reader's language.
const SOLVER_STATUS_KEYS: Record<string, string> = { Optimal: 'optimal', 'Time limit reached': 'timeLimit', Infeasible: 'infeasible', 'Primal infeasible or unbounded': 'infeasible', Unbounded: 'unbounded', 'Interrupted by user': 'interrupted' };

function solverWords(status: string | null, t: (key: string) => string): string {
  if (status === null) return t('selection.view.solverNotCalled');
  const key = SOLVER_STATUS_KEYS[status];
  return key ? t(`selection.view.solverStatus.${key}`) : status;
}
