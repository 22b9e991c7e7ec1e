/**
 * The reviewers of a call on its review setup page: the invitation form, and the list paged and
 * filtered on the server (name, address or organisation; the invitation's state), with editing,
 * re-sending and removing each reviewer.
 */
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewerStatus, type ReviewerListT, type ReviewerViewT } from '../../../src/shared/contracts/review';
import { AdminModal } from '../admin/components/AdminModal';
import { ConfirmDialog } from '../admin/components/ConfirmDialog';
import { DialogForm, useDialogSubmit } from '../admin/components/DialogForm';
import type { FieldMessages } from '../admin/form-errors';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { del, patch, post } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { enumLabel } from '../lib/labels';
import { LoadState } from '../lib/LoadState';
import { SECTORS } from './call-form';
import { emptyReviewerForm, reviewerFormFromView, reviewerFormToInvite, reviewerFormToPatch, validateReviewerForm, type ReviewerForm } from './review-form';

const INVITE_EMAIL_ID = 'reviewer-email';

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

const REVIEWERS_PAGE_SIZE = 50;

export function ReviewersSection({ callId, onChanged }: { callId: string; onChanged: (message: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const state = usePagedList<ReviewerListT>(`/admin/calls/${callId}/reviewers`, { page, pageSize: REVIEWERS_PAGE_SIZE, q, status });
  const counts = state.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
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
        <Group align="flex-end">
          <FilterBox
            label={t('reviewers.search')}
            value={q}
            testId="reviewers-search"
            onChange={(text) => {
              setQ(text);
              setPage(1);
            }}
          />
          <NativeSelect
            label={t('reviewers.filterStatus')}
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setPage(1);
            }}
            data={[
              { value: '', label: t('reviewers.allStatuses') },
              ...ReviewerStatus.options.map((s) => ({ value: s, label: t('reviewers.statusCount', { status: enumLabel(t, 'reviewerStatus', s), count: counts?.[s] ?? 0 }) })),
            ]}
            w={240}
          />
        </Group>
        <LoadState state={state}>
          {(data) => (
            <DataTable<ReviewerViewT>
              caption={t('reviewers.caption', { count: all })}
              data={data}
              rowKey={(r) => r.id}
              onPage={setPage}
              empty={all === 0 ? t('reviewers.empty') : t('reviewers.noMatch')}
              minWidth={900}
              testId="reviewers-table"
              columns={[
                {
                  key: 'reviewer',
                  header: t('reviewers.reviewer'),
                  rowHeader: true,
                  cell: (r) =>
                    r.name ? (
                      <>
                        {r.name}
                        <Text size="sm">{r.email}</Text>
                      </>
                    ) : (
                      r.email
                    ),
                },
                {
                  key: 'status',
                  header: t('fields.status'),
                  cell: (r) => (
                    <>
                      {enumLabel(t, 'reviewerStatus', r.status)}
                      {r.linkMissing && (
                        <Text size="sm" id={`link-missing-${r.id}`} data-testid="reviewer-link-missing">
                          {t('reviewers.linkMissing')}
                        </Text>
                      )}
                    </>
                  ),
                },
                { key: 'organisation', header: t('reviewers.organisation'), cell: (r) => r.organisation ?? t('reviewers.none') },
                {
                  key: 'profile',
                  header: t('reviewers.profile'),
                  cell: (r) => (
                    <>
                      <Text size="sm">{t('reviewers.sectorsValue', { value: r.sectors.length ? r.sectors.map(sectorName).join(', ') : t('reviewers.none') })}</Text>
                      <Text size="sm">{t('reviewers.topicsValue', { value: r.topics.length ? r.topics.join(', ') : t('reviewers.none') })}</Text>
                      <Text size="sm">{t('reviewers.expertiseValue', { value: r.expertise.length ? r.expertise.join(', ') : t('reviewers.none') })}</Text>
                    </>
                  ),
                },
                { key: 'load', header: t('reviewers.load'), className: 'oc-num', cell: (r) => r.load },
                { key: 'assigned', header: t('reviewers.assigned'), className: 'oc-num', cell: (r) => r.assigned },
                { key: 'conflicts', header: t('reviewers.conflicts'), className: 'oc-num', cell: (r) => r.conflicts },
                {
                  key: 'actions',
                  header: t('admin:common.actions'),
                  cell: (r) => (
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
                  ),
                },
              ]}
            />
          )}
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
