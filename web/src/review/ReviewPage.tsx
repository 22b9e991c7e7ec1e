/**
 * /me/reviews/:assignmentId: one assigned application and the reviewer's scores. Each criterion is a
 * fieldset of radios on the rubric's scale (ends named) with its own comment; a draft is saved on
 * demand, a submission needs every criterion scored. A reviewer who finds a conflict of interest
 * declares it here, with a reason, and the application leaves their list.
 */
import { Alert, Anchor, Button, Fieldset, Group, Modal, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { MyReviewDetailT, MyReviewListT, ReviewStateT, RubricT } from '../../../src/shared/contracts/review';
import { post, put } from '../lib/api';
import { formatTime } from '../lib/format';
import { ErrorSummary, useSubmit, type FieldErrors, type SummaryItem } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { seoulTime } from '../recruitment/call-status';
import { ApplicationAnswers } from './ApplicationAnswers';
import { SignedInOnly, StatusLine } from './parts';
import { nextUnreviewed } from './progress';
import { ReviewProgressBar } from './ReviewProgressBar';
import { draftBody, formFromReview, missingCriteria, scaleValues, type ReviewFormState } from './review-form';

const scoreId = (key: string) => `score-${key}`;
const commentId = (key: string) => `comment-${key}`;
const OVERALL_ID = 'review-overall';

export function ReviewPage() {
  const { t } = useTranslation('review');
  return (
    <SignedInOnly title={t('review.pageTitle')}>
      <ReviewLoader />
    </SignedInOnly>
  );
}

function ReviewLoader() {
  const { t } = useTranslation('review');
  const { assignmentId = '' } = useParams();
  const lang = useLang();
  const state = useApiGet<MyReviewDetailT>(`/me/reviews/${encodeURIComponent(assignmentId)}`, [lang, assignmentId]);
  // The reviewer's own list, for the progress bar and the next unreviewed application.
  const mine = useApiGet<MyReviewListT>('/me/reviews', [lang]);
  return (
    <Stack gap="md">
      {state.data === undefined && <Title order={1}>{t('review.pageTitle')}</Title>}
      <LoadState state={state}>{(detail) => <ReviewView key={detail.assignmentId} detail={detail} mine={mine.data?.reviews} onSubmitted={() => mine.reload()} />}</LoadState>
    </Stack>
  );
}

function ReviewView({ detail, mine, onSubmitted }: { detail: MyReviewDetailT; mine: MyReviewListT['reviews'] | undefined; onSubmitted: () => Promise<void> }) {
  const { t } = useTranslation('review');
  const lang = useLang();
  const locText = useLocText();
  const ofCall = (mine ?? []).filter((r) => r.callId === detail.callId);
  const next = mine ? nextUnreviewed(mine, detail.assignmentId) : null;
  // Kept from each save's answer, so the page need not read (and access-log) the application again.
  const [review, setReview] = useState<ReviewStateT | null>(detail.review);
  const submitted = review?.status === 'submitted';
  const statusRef = useRef<HTMLDivElement>(null);
  const focusStatus = () => setTimeout(() => statusRef.current?.focus(), 0);
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/me/reviews" className="inline-link">
          {t('review.back')}
        </Anchor>
        <Text mt="xs" size="sm">
          <Loc value={detail.callTitle} />
        </Text>
        <Title order={1}>{detail.applicant ? t('review.title', { name: detail.applicant.name }) : t('review.titleBlind')}</Title>
      </div>
      <Alert
        ref={statusRef}
        tabIndex={-1}
        variant="outline"
        color="campus"
        title={t(`status.${review ? review.status : 'not_started'}`)}
        data-testid="review-status"
      >
        {submitted && review.submittedAt ? (
          <Text>{t('review.submittedAt', { at: seoulTime(review.submittedAt, lang), total: review.total ?? '' })}</Text>
        ) : (
          <Text>{t('review.howTo')}</Text>
        )}
        {detail.blind && <Text mt="xs">{t('review.blindNote')}</Text>}
      </Alert>
      {/* Right after the status, which takes focus on submission: the next key press reaches "Next unreviewed". */}
      {ofCall.length > 0 && (
        <ReviewProgressBar callName={locText(detail.callTitle)} items={ofCall.map((r) => (r.assignmentId === detail.assignmentId && review ? { status: review.status } : r))} nextId={next?.assignmentId ?? null} testId="review-progress" />
      )}
      <section aria-labelledby="application-title">
        <Title order={2} id="application-title" mb="sm">
          {t('review.applicationTitle')}
        </Title>
        <ApplicationAnswers detail={detail} />
      </section>
      <section aria-labelledby="scores-title">
        <Title order={2} id="scores-title" mb="sm">
          {t('review.scoresTitle')}
        </Title>
        {!detail.rubric ? (
          <Text>{t('review.noRubric')}</Text>
        ) : submitted ? (
          <SubmittedScores rubric={detail.rubric} review={review} />
        ) : (
          <ScoreForm
            assignmentId={detail.assignmentId}
            rubric={detail.rubric}
            initial={formFromReview(review)}
            onSaved={setReview}
            onSubmitted={(state) => {
              setReview(state);
              void onSubmitted();
              focusStatus();
            }}
          />
        )}
      </section>
      {!submitted && <ConflictSection assignmentId={detail.assignmentId} />}
    </Stack>
  );
}

function SubmittedScores({ rubric, review }: { rubric: RubricT; review: ReviewStateT }) {
  const { t } = useTranslation('review');
  return (
    <dl className="answers" data-testid="submitted-scores">
      {rubric.criteria.map((c) => (
        <div key={c.key}>
          <dt>
            <Loc value={c.label} />
          </dt>
          <dd>
            {t('review.scoreOf', { score: review.scores[c.key] ?? '–', max: rubric.scaleMax })}
            {review.comments[c.key] && <Text className="answer-text">{review.comments[c.key]}</Text>}
          </dd>
        </div>
      ))}
      {review.comment && (
        <div>
          <dt>{t('review.overallComment')}</dt>
          <dd className="answer-text">{review.comment}</dd>
        </div>
      )}
    </dl>
  );
}

interface ScoreFormProps {
  assignmentId: string;
  rubric: RubricT;
  initial: ReviewFormState;
  onSaved: (state: ReviewStateT) => void;
  onSubmitted: (state: ReviewStateT) => void;
}

function ScoreForm({ assignmentId, rubric, initial, onSaved, onSubmitted }: ScoreFormProps) {
  const { t } = useTranslation('review');
  const locText = useLocText();
  const [form, setForm] = useState<ReviewFormState>(initial);
  const [message, setMessage] = useState('');
  const submit = useSubmit();
  const summaryRef = useRef<HTMLDivElement>(null);
  const values = scaleValues(rubric);

  useEffect(() => {
    if (submit.attempt > 0) summaryRef.current?.focus();
  }, [submit.attempt]);

  const setScore = (key: string, value: number) => setForm((f) => ({ ...f, scores: { ...f.scores, [key]: value } }));
  const setComment = (key: string, value: string) => setForm((f) => ({ ...f, comments: { ...f.comments, [key]: value } }));

  const saveDraft = async () => {
    const state = await put<ReviewStateT>(`/me/reviews/${assignmentId}`, draftBody(rubric, form));
    onSaved(state);
  };
  const time = () => formatTime(new Date());

  const onSave = () => {
    setMessage('');
    void submit.run({}, async () => {
      await saveDraft();
      setMessage(t('review.saved', { time: time() }));
    });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    const missing: FieldErrors = Object.fromEntries(missingCriteria(rubric, form.scores).map((key) => [`scores.${key}`, t('review.error.scoreMissing')]));
    void submit.run(missing, async () => {
      await saveDraft();
      onSubmitted(await post<ReviewStateT>(`/me/reviews/${assignmentId}/submit`));
    });
  };

  // Each message next to its criterion, and in the summary as a link to it.
  const summaryItems: SummaryItem[] = [];
  const known = new Set<string>();
  for (const c of rubric.criteria) {
    for (const [path, target, what] of [
      [`scores.${c.key}`, scoreId(c.key), 'review.scoreField'],
      [`comments.${c.key}`, commentId(c.key), 'review.commentField'],
    ] as const) {
      known.add(path);
      const msg = submit.fieldErrors[path];
      if (msg) summaryItems.push({ text: t('web:form.fieldError', { label: t(what, { criterion: locText(c.label) }), message: msg }), target });
    }
  }
  known.add('comment');
  if (submit.fieldErrors.comment) summaryItems.push({ text: t('web:form.fieldError', { label: t('review.overallComment'), message: submit.fieldErrors.comment }), target: OVERALL_ID });
  for (const [path, msg] of Object.entries(submit.fieldErrors)) if (!known.has(path)) summaryItems.push({ text: msg });
  const formMessage = submit.formError && !Object.values(submit.fieldErrors).includes(submit.formError) ? submit.formError : null;

  return (
    <Stack gap="md">
      <ErrorSummary ref={summaryRef} key={submit.attempt} message={formMessage} items={summaryItems} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Text size="sm">{t('review.scaleIntro', { min: rubric.scaleMin, max: rubric.scaleMax })}</Text>
          {rubric.criteria.map((c) => {
            const base = scoreId(c.key);
            const error = submit.fieldErrors[`scores.${c.key}`];
            const describedBy = [c.description ? `${base}-desc` : null, `${base}-scale`, error ? `${base}-error` : null].filter(Boolean).join(' ');
            return (
              <Fieldset
                key={c.key}
                className="criterion"
                legend={
                  <>
                    <Loc value={c.label} /> <span className="criterion-weight">{t('review.weight', { weight: c.weight })}</span>
                  </>
                }
              >
                <Stack gap="xs">
                  {c.description && (
                    <Text size="sm" id={`${base}-desc`} className="answer-text">
                      <Loc value={c.description} />
                    </Text>
                  )}
                  <Text size="sm" id={`${base}-scale`}>
                    {t('review.scaleHint', { min: rubric.scaleMin, max: rubric.scaleMax })}
                  </Text>
                  {error && (
                    <Text size="sm" c="red.9" id={`${base}-error`}>
                      {error}
                    </Text>
                  )}
                  <div className="score-scale">
                    {values.map((v, i) => (
                      <Radio
                        key={v}
                        id={i === 0 ? base : `${base}-${v}`}
                        name={base}
                        value={String(v)}
                        label={v === rubric.scaleMin ? t('review.lowest', { value: v }) : v === rubric.scaleMax ? t('review.highest', { value: v }) : String(v)}
                        checked={form.scores[c.key] === v}
                        onChange={() => setScore(c.key, v)}
                        aria-describedby={describedBy}
                        aria-invalid={error ? true : undefined}
                      />
                    ))}
                  </div>
                  <Textarea
                    id={commentId(c.key)}
                    label={t('review.commentField', { criterion: locText(c.label) })}
                    autosize
                    minRows={2}
                    maxRows={10}
                    maxLength={5000}
                    value={form.comments[c.key] ?? ''}
                    onChange={(e) => setComment(c.key, e.currentTarget.value)}
                    error={submit.fieldErrors[`comments.${c.key}`]}
                  />
                </Stack>
              </Fieldset>
            );
          })}
          <Textarea
            id={OVERALL_ID}
            label={t('review.overallComment')}
            autosize
            minRows={3}
            maxRows={16}
            maxLength={10_000}
            value={form.comment}
            onChange={(e) => {
              const comment = e.currentTarget.value;
              setForm((f) => ({ ...f, comment }));
            }}
            error={submit.fieldErrors.comment}
          />
          <Text size="sm">{t('review.submitNote')}</Text>
          <Group gap="sm">
            <Button variant="default" onClick={onSave} aria-busy={submit.submitting || undefined}>
              {t('review.save')}
            </Button>
            <Button type="submit" aria-busy={submit.submitting || undefined}>
              {submit.submitting ? t('common.working') : t('review.submit')}
            </Button>
          </Group>
          <StatusLine message={message} testId="review-save-status" />
        </Stack>
      </form>
    </Stack>
  );
}

function ConflictSection({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation('review');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();

  const close = () => {
    setOpen(false);
    setReason('');
  };
  const onDeclare = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = reason.trim();
    const clientErrors: FieldErrors = trimmed.length < 5 ? { reason: t(trimmed === '' ? 'conflict.reasonRequired' : 'conflict.reasonShort') } : {};
    void submit.run(clientErrors, async () => {
      await post(`/me/reviews/${assignmentId}/conflict`, { reason: trimmed });
      setOpen(false);
      void navigate('/me/reviews', { state: { conflictDeclared: true } });
    });
  };

  return (
    <section aria-labelledby="conflict-title">
      <Title order={2} id="conflict-title" mb="xs">
        {t('conflict.title')}
      </Title>
      <Text mb="sm">{t('conflict.intro')}</Text>
      <Button variant="outline" color="red.9" onClick={() => setOpen(true)}>
        {t('conflict.open')}
      </Button>
      <Modal opened={open} onClose={close} title={t('conflict.dialogTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} returnFocus trapFocus>
        <form onSubmit={onDeclare} noValidate>
          <Stack>
            <ErrorSummary key={submit.attempt} message={submit.formError && submit.formError !== submit.fieldErrors.reason ? submit.formError : null} items={submit.fieldErrors.reason ? [{ text: submit.fieldErrors.reason, target: 'conflict-reason' }] : []} />
            <Text>{t('conflict.body')}</Text>
            <Textarea
              id="conflict-reason"
              label={t('conflict.reason')}
              description={t('conflict.reasonHint')}
              required
              autosize
              minRows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={submit.fieldErrors.reason}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red.9" aria-busy={submit.submitting || undefined}>
                {submit.submitting ? t('common.working') : t('conflict.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </section>
  );
}
