/**
 * /admin/calls/:id/review: how the call is reviewed. The rubric (weighted bilingual criteria on an
 * integer scale), reviews per application and blind review; the reviewers invited by e-mail with the
 * profile that feeds conflicts and affinity (organisation, sectors, topics, expertise, load), and an
 * unanswered invitation re-sent with a new link; and the conflicts of interest found or declared.
 * Each part loads and saves on its own.
 */
import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import type { ConflictListT, ReviewerListT, ReviewerViewT, ReviewSettingsViewT } from '../../../src/shared/contracts/review';
import { usePageTitle } from '../app/usePageTitle';
import { AdminModal } from '../admin/components/AdminModal';
import { ConfirmDialog } from '../admin/components/ConfirmDialog';
import { DialogForm, useDialogSubmit } from '../admin/components/DialogForm';
import { LocalizedInputs } from '../admin/components/LocalizedInputs';
import { StatusMessage } from '../admin/components/StatusMessage';
import { indexedPath, type FieldMessages } from '../admin/form-errors';
import { del, patch, post, put } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLang, useLocalized } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { fieldId, moveItem, SECTORS, targetOf } from './call-form';
import { CallNav } from './CallNav';
import {
  emptyCriterion,
  emptyReviewerForm,
  reviewerFormFromView,
  reviewerFormToInvite,
  reviewerFormToPatch,
  settingsFormFromView,
  settingsFormToInput,
  validateReviewerForm,
  validateSettingsForm,
  weightShares,
  type ReviewerForm,
  type SettingsForm,
} from './review-form';

const ADD_CRITERION_ID = 'criterion-add';
const INVITE_EMAIL_ID = 'reviewer-email';

/** Moves focus to an element once the render that adds (or keeps) it is on screen. */
function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return (id) => setTarget({ id });
}

export function ReviewSetupPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staffcalls');
  const localized = useLocalized();
  const call = useApiGet<CallViewT>(`/admin/calls/${id}`);
  const heading = call.data ? t('review.headingOf', { title: localized(call.data.title).text }) : t('review.heading');
  usePageTitle(heading);
  const [status, setStatus] = useState('');
  const [conflictsVersion, setConflictsVersion] = useState(0);
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{heading}</Title>
        <CallNav callId={id} />
        <StatusMessage message={status} />
      </Stack>
      <SettingsSection callId={id} onSaved={setStatus} />
      <ReviewersSection
        callId={id}
        onChanged={(message) => {
          setStatus(message);
          setConflictsVersion((n) => n + 1);
        }}
      />
      <ConflictsSection callId={id} version={conflictsVersion} />
    </Stack>
  );
}

// ---------- rubric and settings ----------

function useSettingsLabelOf() {
  const { t } = useTranslation('staffcalls');
  const bilingual = (label: string, lang: string | undefined) => (lang === 'ko' ? t('admin:common.inKo', { label }) : lang === 'en' ? t('admin:common.inEn', { label }) : label);
  return (path: string): string | undefined => {
    const keys: Record<string, string> = { reviewsPerApplication: 'review.k', blindReview: 'review.blind', 'rubric.scaleMin': 'review.scaleMin', 'rubric.scaleMax': 'review.scaleMax', 'rubric.criteria': 'review.criteria', rubric: 'review.rubricHeading' };
    if (keys[path]) return t(keys[path]);
    const row = indexedPath(path.replace(/^rubric\./, ''));
    if (row?.list !== 'criteria') return undefined;
    const [part = '', lang] = row.rest.split('.');
    const parts: Record<string, string> = { key: 'review.criterionKey', label: 'review.criterionLabel', description: 'review.criterionDescription', weight: 'review.criterionWeight', '': 'review.criterionLegend' };
    return parts[part] ? bilingual(t(parts[part], { n: row.index + 1 }), lang) : undefined;
  };
}

function SettingsSection({ callId, onSaved }: { callId: string; onSaved: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const state = useApiGet<ReviewSettingsViewT>(`/admin/calls/${callId}/review-settings`);
  return (
    <section aria-labelledby="rubric-heading">
      <Stack gap="sm">
        <Title order={2} id="rubric-heading">
          {t('review.rubricHeading')}
        </Title>
        <LoadState state={state}>{(view) => <SettingsEditor key={view.callId} callId={callId} view={view} onSaved={onSaved} />}</LoadState>
      </Stack>
    </section>
  );
}

function SettingsEditor({ callId, view, onSaved }: { callId: string; view: ReviewSettingsViewT; onSaved: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const [saved, setSaved] = useState(view);
  const [form, setForm] = useState<SettingsForm>(() => settingsFormFromView(view));
  const submit = useDialogSubmit();
  const { errors } = submit;
  const focus = useFocusAfterRender();
  const labelOf = useSettingsLabelOf();
  const set = (next: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...next }));
  const setCriterion = (i: number, next: Partial<SettingsForm['criteria'][number]>) => set({ criteria: form.criteria.map((c, j) => (j === i ? { ...c, ...next } : c)) });
  const shares = weightShares(form.criteria);
  const frozen = saved.reviewsStarted > 0;

  const save = () =>
    submit.submit(validateSettingsForm(form), async () => {
      const next = await put<ReviewSettingsViewT>(`/admin/calls/${callId}/review-settings`, settingsFormToInput(form));
      setSaved(next);
      onSaved(t('review.settingsSaved'));
    });

  const items = Object.entries(errors).map(([path, message]) => {
    const label = labelOf(path);
    return { text: label ? t('admin:errors.item', { label, message }) : message, target: targetOf(path) };
  });

  return (
    <form
      noValidate
      aria-labelledby="rubric-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md">
        <ErrorSummary ref={submit.summaryRef} title={submit.summary} items={items} />
        <Text>{t('review.rubricIntro')}</Text>
        {frozen && <Text fw={700}>{t('review.frozen', { count: saved.reviewsStarted })}</Text>}
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput id={fieldId('reviewsPerApplication')} label={t('review.k')} description={t('review.kHelp')} value={form.reviewsPerApplication} onChange={(e) => set({ reviewsPerApplication: e.currentTarget.value })} error={errors.reviewsPerApplication} required inputMode="numeric" maw={220} />
          <TextInput id={fieldId('rubric.scaleMin')} label={t('review.scaleMin')} value={form.scaleMin} onChange={(e) => set({ scaleMin: e.currentTarget.value })} error={errors['rubric.scaleMin']} inputMode="numeric" maw={160} />
          <TextInput id={fieldId('rubric.scaleMax')} label={t('review.scaleMax')} value={form.scaleMax} onChange={(e) => set({ scaleMax: e.currentTarget.value })} error={errors['rubric.scaleMax']} inputMode="numeric" maw={160} />
        </Group>
        <Switch id={fieldId('blindReview')} label={t('review.blind')} description={t('review.blindHelp')} checked={form.blindReview} onChange={(e) => set({ blindReview: e.currentTarget.checked })} error={errors.blindReview} />
        <Title order={3} size="h4">
          {t('review.criteria')}
        </Title>
        {errors['rubric.criteria'] && <Text c="red.9">{errors['rubric.criteria']}</Text>}
        {form.criteria.length === 0 && <Text>{t('review.noCriteria')}</Text>}
        {form.criteria.map((c, i) => {
          const n = i + 1;
          const at = `rubric.criteria.${i}`;
          const idOf = (part: string) => `criterion-${part}-${c.rowKey}`;
          const name = t('review.criterionLegend', { n });
          return (
            <Fieldset key={c.rowKey} legend={name}>
              <Stack gap="sm">
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <TextInput id={fieldId(`${at}.key`)} label={t('review.criterionKey', { n })} description={t('builder.keyHelp')} value={c.key} onChange={(e) => setCriterion(i, { key: e.currentTarget.value })} error={errors[`${at}.key`]} required maw={280} />
                  <TextInput
                    id={fieldId(`${at}.weight`)}
                    label={t('review.criterionWeight', { n })}
                    description={shares[i] !== null && shares[i] !== undefined ? t('review.share', { share: shares[i] }) : t('review.weightHelp')}
                    value={c.weight}
                    onChange={(e) => setCriterion(i, { weight: e.currentTarget.value })}
                    error={errors[`${at}.weight`]}
                    required
                    inputMode="decimal"
                    maw={200}
                  />
                </Group>
                <LocalizedInputs id={fieldId(`${at}.label`)} label={t('review.criterionLabel', { n })} path={`${at}.label`} ko={c.labelKo} en={c.labelEn} onChange={({ ko, en }) => setCriterion(i, { labelKo: ko, labelEn: en })} errors={errors} requiredKo />
                <LocalizedInputs id={fieldId(`${at}.description`)} label={t('review.criterionDescription', { n })} path={`${at}.description`} ko={c.descriptionKo} en={c.descriptionEn} onChange={({ ko, en }) => setCriterion(i, { descriptionKo: ko, descriptionEn: en })} errors={errors} multiline />
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    id={idOf('up')}
                    disabled={i === 0}
                    onClick={() => {
                      set({ criteria: moveItem(form.criteria, i, -1) });
                      focus(i - 1 === 0 ? idOf('down') : idOf('up'));
                    }}
                  >
                    {t('builder.moveUp', { name })}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    id={idOf('down')}
                    disabled={i === form.criteria.length - 1}
                    onClick={() => {
                      set({ criteria: moveItem(form.criteria, i, 1) });
                      focus(i + 1 === form.criteria.length - 1 ? idOf('up') : idOf('down'));
                    }}
                  >
                    {t('builder.moveDown', { name })}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => {
                      set({ criteria: form.criteria.filter((_, j) => j !== i) });
                      focus(ADD_CRITERION_ID);
                    }}
                  >
                    {t('builder.removeItem', { name })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            id={ADD_CRITERION_ID}
            variant="default"
            onClick={() => {
              set({ criteria: [...form.criteria, emptyCriterion(form.criteria.map((c) => c.key))] });
              focus(fieldId(`rubric.criteria.${form.criteria.length}.label`));
            }}
          >
            {t('review.addCriterion')}
          </Button>
        </Group>
        <Group>
          <Button type="submit" loading={submit.busy}>
            {t('review.saveSettings')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---------- reviewers ----------

/** The profile fields shared by the invitation form and the edit dialog. */
function ReviewerFields({ form, set, errors, idPrefix }: { form: ReviewerForm; set: (next: Partial<ReviewerForm>) => void; errors: FieldMessages; idPrefix: string }) {
  const { t } = useTranslation('staffcalls');
  return (
    <>
      <TextInput id={`${idPrefix}-organisation`} label={t('reviewers.organisation')} description={t('reviewers.organisationHelp')} value={form.organisation} onChange={(e) => set({ organisation: e.currentTarget.value })} error={errors.organisation} />
      <Checkbox.Group id={`${idPrefix}-sectors`} label={t('reviewers.sectors')} value={form.sectors} onChange={(sectors) => set({ sectors })} error={errors.sectors}>
        <Group gap="md" mt="xs">
          {SECTORS.map((s) => (
            <Checkbox key={s} value={s} label={t(`sectors.${s}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput id={`${idPrefix}-topics`} label={t('reviewers.topics')} description={t('reviewers.tagsHelp')} value={form.topics} onChange={(e) => set({ topics: e.currentTarget.value })} error={errors.topics} />
        <TextInput id={`${idPrefix}-expertise`} label={t('reviewers.expertise')} description={t('reviewers.tagsHelp')} value={form.expertise} onChange={(e) => set({ expertise: e.currentTarget.value })} error={errors.expertise} />
      </SimpleGrid>
      <TextInput id={`${idPrefix}-load`} label={t('reviewers.load')} description={t('reviewers.loadHelp')} value={form.load} onChange={(e) => set({ load: e.currentTarget.value })} error={errors.load} required inputMode="numeric" maw={220} />
    </>
  );
}

function useReviewerLabelOf() {
  const { t } = useTranslation('staffcalls');
  return (path: string): string | undefined => {
    const keys: Record<string, string> = { email: 'reviewers.email', organisation: 'reviewers.organisation', sectors: 'reviewers.sectors', topics: 'reviewers.topics', expertise: 'reviewers.expertise', load: 'reviewers.load' };
    const key = keys[path.split('.')[0] ?? ''];
    return key ? t(key) : undefined;
  };
}

function InviteForm({ callId, onInvited }: { callId: string; onInvited: (email: string) => Promise<void> }) {
  const { t } = useTranslation('staffcalls');
  const [form, setForm] = useState<ReviewerForm>(emptyReviewerForm);
  const submit = useDialogSubmit();
  const labelOf = useReviewerLabelOf();
  const set = (next: Partial<ReviewerForm>) => setForm((f) => ({ ...f, ...next }));
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = () =>
    submit.submit(validateReviewerForm(form, true), async () => {
      const body = reviewerFormToInvite(form);
      await post(`/admin/calls/${callId}/reviewers`, body);
      setForm(emptyReviewerForm());
      await onInvited(body.email);
      emailRef.current?.focus();
    });
  const idOf: Record<string, string> = { email: INVITE_EMAIL_ID, organisation: 'invite-organisation', topics: 'invite-topics', expertise: 'invite-expertise', load: 'invite-load' };
  const items = Object.entries(submit.errors).map(([path, message]) => {
    const label = labelOf(path);
    const target = idOf[path.split('.')[0] ?? ''];
    return { text: label ? t('admin:errors.item', { label, message }) : message, ...(target ? { target } : {}) };
  });
  return (
    <Fieldset legend={t('reviewers.inviteLegend')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void invite();
        }}
      >
        <Stack gap="sm">
          <ErrorSummary ref={submit.summaryRef} title={submit.summary} items={items} />
          <Text size="sm">{t('reviewers.inviteHelp')}</Text>
          <TextInput ref={emailRef} id={INVITE_EMAIL_ID} type="email" label={t('reviewers.email')} value={form.email} onChange={(e) => set({ email: e.currentTarget.value })} error={submit.errors.email} required autoComplete="off" maw={420} />
          <ReviewerFields form={form} set={set} errors={submit.errors} idPrefix="invite" />
          <Group>
            <Button type="submit" loading={submit.busy}>
              {t('reviewers.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Fieldset>
  );
}

function EditReviewerDialog({ callId, reviewer, onClose, onSaved }: { callId: string; reviewer: ReviewerViewT | null; onClose: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation('staffcalls');
  return (
    <AdminModal opened={reviewer !== null} onClose={onClose} title={reviewer ? t('reviewers.editTitle', { email: reviewer.email }) : ''}>
      {reviewer && <EditReviewerForm key={reviewer.id} callId={callId} reviewer={reviewer} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function EditReviewerForm({ callId, reviewer, onClose, onSaved }: { callId: string; reviewer: ReviewerViewT; onClose: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation('staffcalls');
  const [form, setForm] = useState<ReviewerForm>(() => reviewerFormFromView(reviewer));
  const submit = useDialogSubmit();
  const labelOf = useReviewerLabelOf();
  const save = () =>
    submit.submit(validateReviewerForm(form, false), async () => {
      await patch(`/admin/calls/${callId}/reviewers/${reviewer.id}`, reviewerFormToPatch(form));
      await onSaved(t('reviewers.saved', { email: reviewer.email }));
      onClose();
    });
  return (
    <DialogForm state={submit} onSubmit={save} onCancel={onClose} labelOf={labelOf}>
      <ReviewerFields form={form} set={(next) => setForm((f) => ({ ...f, ...next }))} errors={submit.errors} idPrefix="edit" />
    </DialogForm>
  );
}

function ReviewersSection({ callId, onChanged }: { callId: string; onChanged: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const state = useApiGet<ReviewerListT>(`/admin/calls/${callId}/reviewers`);
  const [editing, setEditing] = useState<ReviewerViewT | null>(null);
  const [removing, setRemoving] = useState<ReviewerViewT | null>(null);
  const [resending, setResending] = useState<ReviewerViewT | null>(null);
  const sectorName = (s: string) => ((SECTORS as readonly string[]).includes(s) ? t(`sectors.${s}`) : s);
  const changed = async (message: string) => {
    await state.reload();
    onChanged(message);
  };
  const remove = async () => {
    if (!removing) return;
    await del(`/admin/calls/${callId}/reviewers/${removing.id}`);
    const email = removing.email;
    setRemoving(null);
    await changed(t('reviewers.removed', { email }));
    window.setTimeout(() => document.getElementById(INVITE_EMAIL_ID)?.focus(), 0);
  };
  // A new link replaces the old one (lost mail, a link sent on to the wrong person, or an invitation
  // from before links carried a secret); the row stays, so focus returns to its button.
  const resend = async () => {
    if (!resending) return;
    await post(`/admin/calls/${callId}/reviewers/${resending.id}/resend`);
    const email = resending.email;
    setResending(null);
    await changed(t('reviewers.resent', { email }));
  };
  return (
    <section aria-labelledby="reviewers-heading">
      <Stack gap="sm">
        <Title order={2} id="reviewers-heading">
          {t('reviewers.heading')}
        </Title>
        <InviteForm callId={callId} onInvited={(email) => changed(t('reviewers.invited', { email }))} />
        <LoadState state={state}>
          {({ reviewers }) =>
            reviewers.length === 0 ? (
              <Text>{t('reviewers.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="reviewers-table">
                  <Table.Caption>{t('reviewers.caption', { count: reviewers.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('reviewers.reviewer')}</Table.Th>
                      <Table.Th scope="col">{t('fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('reviewers.organisation')}</Table.Th>
                      <Table.Th scope="col">{t('reviewers.profile')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('reviewers.load')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('reviewers.assigned')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('reviewers.conflicts')}
                      </Table.Th>
                      <Table.Th scope="col">{t('admin:common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {reviewers.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Th scope="row" fw={400}>
                          {r.name ? (
                            <>
                              {r.name}
                              <Text size="sm">{r.email}</Text>
                            </>
                          ) : (
                            r.email
                          )}
                        </Table.Th>
                        <Table.Td>
                          {t(`reviewers.status.${r.status}`)}
                          {r.linkMissing && (
                            <Text size="sm" id={`link-missing-${r.id}`} data-testid="reviewer-link-missing">
                              {t('reviewers.linkMissing')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{r.organisation ?? t('reviewers.none')}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{t('reviewers.sectorsValue', { value: r.sectors.length ? r.sectors.map(sectorName).join(', ') : t('reviewers.none') })}</Text>
                          <Text size="sm">{t('reviewers.topicsValue', { value: r.topics.length ? r.topics.join(', ') : t('reviewers.none') })}</Text>
                          <Text size="sm">{t('reviewers.expertiseValue', { value: r.expertise.length ? r.expertise.join(', ') : t('reviewers.none') })}</Text>
                        </Table.Td>
                        <Table.Td className="oc-num">{r.load}</Table.Td>
                        <Table.Td className="oc-num">{r.assigned}</Table.Td>
                        <Table.Td className="oc-num">{r.conflicts}</Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Button size="xs" variant="default" onClick={() => setEditing(r)} aria-label={t('reviewers.editOf', { email: r.email })}>
                              {t('admin:common.edit')}
                            </Button>
                            {r.status === 'invited' && r.userId === null && (
                              <Button
                                size="xs"
                                variant="default"
                                onClick={() => setResending(r)}
                                aria-label={t('reviewers.resendOf', { email: r.email })}
                                aria-describedby={r.linkMissing ? `link-missing-${r.id}` : undefined}
                              >
                                {t('reviewers.resend')}
                              </Button>
                            )}
                            <Button size="xs" variant="outline" color="red.9" onClick={() => setRemoving(r)} aria-label={t('reviewers.removeOf', { email: r.email })}>
                              {t('reviewers.remove')}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </LoadState>
      </Stack>
      <EditReviewerDialog callId={callId} reviewer={editing} onClose={() => setEditing(null)} onSaved={changed} />
      <ConfirmDialog opened={removing !== null} title={removing ? t('reviewers.removeTitle', { email: removing.email }) : ''} confirmLabel={t('reviewers.remove')} onConfirm={remove} onClose={() => setRemoving(null)}>
        {t('reviewers.removeBody')}
      </ConfirmDialog>
      <ConfirmDialog opened={resending !== null} title={resending ? t('reviewers.resendTitle', { email: resending.email }) : ''} confirmLabel={t('reviewers.resendConfirm')} onConfirm={resend} onClose={() => setResending(null)}>
        {t('reviewers.resendBody')}
      </ConfirmDialog>
    </section>
  );
}

// ---------- conflicts ----------

function ConflictsSection({ callId, version }: { callId: string; version: number }) {
  const { t } = useTranslation('staffcalls');
  const lang = useLang();
  const state = useApiGet<ConflictListT>(`/admin/calls/${callId}/conflicts`, [version]);
  return (
    <section aria-labelledby="conflicts-heading">
      <Stack gap="sm">
        <Title order={2} id="conflicts-heading">
          {t('conflicts.heading')}
        </Title>
        <Text>{t('conflicts.intro')}</Text>
        <LoadState state={state}>
          {({ conflicts }) =>
            conflicts.length === 0 ? (
              <Text>{t('conflicts.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table withTableBorder verticalSpacing="xs" data-testid="conflicts-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('conflicts.applicant')}</Table.Th>
                      <Table.Th scope="col">{t('reviewers.reviewer')}</Table.Th>
                      <Table.Th scope="col">{t('conflicts.reasons')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {conflicts.map((c) => (
                      <Table.Tr key={`${c.applicationId}-${c.reviewerId}`}>
                        <Table.Th scope="row" fw={400}>
                          {c.applicantName}
                        </Table.Th>
                        <Table.Td>{c.reviewerName ? `${c.reviewerName} (${c.reviewerEmail})` : c.reviewerEmail}</Table.Td>
                        <Table.Td>{c.text[lang]}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </LoadState>
      </Stack>
    </section>
  );
}

