/**
 * /me/reviews: a reviewer's invitations (accept, correcting organisation and expertise, or decline)
 * and the applications assigned to them, grouped by call with how far each review is.
 *
 * The invitation mail links here with the invitation's secret (`?invitation=<secret>`). E-mail
 * addresses are not verified at sign-up, so an invitation nobody has answered is shown and answered
 * only with that secret, which is sent along with the answer. Signed out, the page offers sign-in and
 * sign-up with the whole address as `?next=`, so the secret survives the detour.
 */
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { InvitationListT, InvitationViewT, MyReviewListT } from '../../../src/shared/contracts/review';
import { usePageTitle } from '../app/usePageTitle';
import { post } from '../lib/api';
import { FormErrorSummary, useSubmit } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { seoulTime } from '../recruitment/call-status';
import { safeReturnPath, signInPath } from '../recruitment/sign-in-return';
import { ConfirmDialog, SignedInOnly, StatusLine } from './parts';
import { nextUnreviewed } from './progress';
import { groupByCall, parseTags, type CallGroup } from './review-form';
import { ReviewProgressBar } from './ReviewProgressBar';
import { enumLabel } from '../lib/labels';

/** The shape of an invitation link's secret (InvitationToken in the contracts); anything else is a broken link. */
const LINK_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The secret of the invitation link this page was opened with: absent, well-formed, or broken (e.g. cut by a mail program). */
function useInvitationLink(): { token: string | undefined; broken: boolean; present: boolean } {
  const [search] = useSearchParams();
  const raw = search.get('invitation');
  if (raw === null) return { token: undefined, broken: false, present: false };
  return LINK_SECRET.test(raw) ? { token: raw, broken: false, present: true } : { token: undefined, broken: true, present: true };
}

export function MyReviewsPage() {
  const { t } = useTranslation('review');
  const { me, loading } = useSession();
  const link = useInvitationLink();
  if (link.present && !loading && !me?.user) return <SignInForInvitation />;
  return (
    <SignedInOnly title={t('reviews.title')}>
      <MyReviews />
    </SignedInOnly>
  );
}

/** Signed out with an invitation link: say what to do, with sign-in and sign-up both coming back here, link included. */
function SignInForInvitation() {
  const { t } = useTranslation('review');
  const location = useLocation();
  usePageTitle(t('reviews.title'));
  const here = safeReturnPath(`${location.pathname}${location.search}`) ?? '/me/reviews';
  return (
    <Stack gap="md">
      <Title order={1}>{t('reviews.title')}</Title>
      <Alert color="campus" variant="outline" title={t('invitationLink.signedOutTitle')}>
        <Text mb="xs">{t('invitationLink.signedOut')}</Text>
        <Group gap="lg">
          <Anchor component={Link} to={signInPath(here)} className="inline-link">
            {t('invitationLink.signIn')}
          </Anchor>
          <Anchor component={Link} to={`/sign-up?next=${encodeURIComponent(here)}`} className="inline-link">
            {t('invitationLink.signUp')}
          </Anchor>
        </Group>
      </Alert>
    </Stack>
  );
}

function MyReviews() {
  const { t } = useTranslation('review');
  const lang = useLang();
  const location = useLocation();
  const link = useInvitationLink();
  const invitations = useApiGet<InvitationListT>(`/me/reviewer-invitations${link.token ? `?token=${link.token}` : ''}`, [lang]);
  const reviews = useApiGet<MyReviewListT>('/me/reviews', [lang]);
  const [message, setMessage] = useState('');
  // A review page that sent the person back (after a declared conflict) says what happened.
  const conflictDeclared = (location.state as { conflictDeclared?: boolean } | null)?.conflictDeclared === true;

  const afterResponse = async (text: string) => {
    setMessage(text);
    await Promise.all([invitations.reload(), reviews.reload()]);
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('reviews.title')}</Title>
        <Text mt="xs">{t('reviews.intro')}</Text>
      </div>
      {conflictDeclared && (
        <Text role="status" className="review-notice" data-testid="reviews-notice">
          {t('review.conflictDone')}
        </Text>
      )}
      <section aria-labelledby="invitations-title">
        <Title order={2} id="invitations-title" mb="sm">
          {t('reviews.invitationsTitle')}
        </Title>
        <StatusLine message={message} testId="invitation-status" />
        <LoadState state={invitations}>
          {(data) => (
            <Stack gap="sm">
              {(link.broken || data.link === 'invalid') && (
                <Alert color="red.9" variant="outline" title={t('invitationLink.invalidTitle')} data-testid="invitation-link-invalid">
                  {t('invitationLink.invalid')}
                </Alert>
              )}
              {data.invitations.length === 0 ? <Text>{t('reviews.noInvitations')}</Text> : null}
              {!link.present && <Text size="sm">{t('invitationLink.hint')}</Text>}
              {data.invitations.length > 0 && (
                <ul className="plain-list">
                  {data.invitations.map((inv) => (
                    <li key={inv.id}>
                      <Invitation invitation={inv} token={inv.needsLink ? link.token : undefined} onDone={afterResponse} />
                    </li>
                  ))}
                </ul>
              )}
            </Stack>
          )}
        </LoadState>
      </section>
      <section aria-labelledby="assigned-title">
        <Title order={2} id="assigned-title" mb="sm">
          {t('reviews.assignedTitle')}
        </Title>
        <LoadState state={reviews}>
          {(data) =>
            data.reviews.length === 0 ? (
              <Text>{t('reviews.noAssignments')}</Text>
            ) : (
              <Stack gap="lg">
                {groupByCall(data.reviews).map((group) => (
                  <CallAssignments key={group.callId} group={group} />
                ))}
              </Stack>
            )
          }
        </LoadState>
      </section>
    </Stack>
  );
}

/** One invitation; `token` is the secret of its link when it is not yet linked to the account (needsLink). */
function Invitation({ invitation: inv, token, onDone }: { invitation: InvitationViewT; token: string | undefined; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation('review');
  const lang = useLang();
  const { me } = useSession();
  const locText = useLocText();
  const submit = useSubmit();
  const [organisation, setOrganisation] = useState(inv.organisation ?? '');
  const [expertise, setExpertise] = useState(inv.expertise.join(', '));
  const [declineOpen, setDeclineOpen] = useState(false);
  const headingId = `invitation-${inv.id}`;
  const orgId = `invitation-${inv.id}-organisation`;
  const expertiseId = `invitation-${inv.id}-expertise`;

  const accept = (e: FormEvent) => {
    e.preventDefault();
    void submit.run({}, async () => {
      await post(`/me/reviewer-invitations/${inv.id}/accept`, { ...(token ? { token } : {}), organisation: organisation.trim() === '' ? null : organisation.trim(), expertise: parseTags(expertise) });
      await onDone(t('invitation.acceptedNow', { call: locText(inv.callTitle) }));
    });
  };
  const decline = async () => {
    await post(`/me/reviewer-invitations/${inv.id}/decline`, token ? { token } : {});
    setDeclineOpen(false);
    await onDone(t('invitation.declinedNow', { call: locText(inv.callTitle) }));
  };

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Title order={3} id={headingId} mb="xs">
        <Loc value={inv.callTitle} />
      </Title>
      <Text size="sm" mb="sm">
        {t('invitation.invitedOn', { at: seoulTime(inv.invitedAt, lang) })}{' '}
        <span className="review-badge">{t(`invitation.status.${inv.status}`)}</span>
      </Text>
      {inv.needsLink && me?.user && (
        <Text size="sm" mb="sm" className="review-notice" data-testid={`invitation-${inv.id}-link-note`}>
          {t('invitationLink.linksAccount', { name: me.user.name, email: me.user.email })}
        </Text>
      )}
      {inv.status === 'invited' ? (
        <form onSubmit={accept} noValidate aria-label={t('invitation.formLabel', { call: locText(inv.callTitle) })}>
          <Stack gap="sm">
            <FormErrorSummary
              state={submit}
              fields={[
                { name: 'organisation', id: orgId, label: t('invitation.organisation') },
                { name: 'expertise', id: expertiseId, label: t('invitation.expertise') },
              ]}
            />
            <Text size="sm">{t('invitation.profileNote')}</Text>
            <TextInput
              id={orgId}
              label={t('invitation.organisation')}
              description={t('invitation.organisationHint')}
              autoComplete="organization"
              value={organisation}
              onChange={(e) => setOrganisation(e.currentTarget.value)}
              error={submit.fieldErrors.organisation}
            />
            <TextInput
              id={expertiseId}
              label={t('invitation.expertise')}
              description={t('invitation.expertiseHint')}
              value={expertise}
              onChange={(e) => setExpertise(e.currentTarget.value)}
              error={Object.entries(submit.fieldErrors).find(([k]) => k === 'expertise' || k.startsWith('expertise.'))?.[1]}
            />
            <Group gap="sm">
              <Button type="submit" aria-busy={submit.submitting || undefined}>
                {submit.submitting ? t('common.working') : t('invitation.accept')}
              </Button>
              <Button variant="outline" color="red.9" onClick={() => setDeclineOpen(true)}>
                {t('invitation.decline')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        inv.respondedAt && <Text size="sm">{t(inv.status === 'accepted' ? 'invitation.acceptedOn' : 'invitation.declinedOn', { at: seoulTime(inv.respondedAt, lang) })}</Text>
      )}
      <ConfirmDialog opened={declineOpen} title={t('invitation.declineTitle')} confirmLabel={t('invitation.declineConfirm')} onConfirm={decline} onClose={() => setDeclineOpen(false)}>
        {t('invitation.declineBody', { call: locText(inv.callTitle) })}
      </ConfirmDialog>
    </Paper>
  );
}

function CallAssignments({ group }: { group: CallGroup }) {
  const { t } = useTranslation('review');
  const locText = useLocText();
  const headingId = `assigned-${group.callId}`;
  const items = group.items.map((i) => i.review);
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} id={headingId} mb="xs">
        <Loc value={group.callTitle} />
      </Title>
      <ReviewProgressBar callName={locText(group.callTitle)} items={items} nextId={nextUnreviewed(items, undefined, group.callId)?.assignmentId ?? null} testId={`progress-${group.callId}`} />
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder verticalSpacing="xs" aria-labelledby={headingId} data-testid={`assignments-${group.callId}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reviews.colApplication')}</Table.Th>
              <Table.Th scope="col">{t('reviews.colStatus')}</Table.Th>
              <Table.Th scope="col">{t('reviews.colTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.items.map(({ review, number }) => {
              const name = review.applicantName ?? t('reviews.application', { n: number });
              return (
                <Table.Tr key={review.assignmentId}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/me/reviews/${review.assignmentId}`} className="inline-link">
                      {name}
                    </Anchor>
                    {review.applicantOrganisation && <Text size="sm">{review.applicantOrganisation}</Text>}
                  </Table.Th>
                  <Table.Td>{enumLabel(t, 'reviewProgress', review.status)}</Table.Td>
                  <Table.Td>{review.total === null ? t('reviews.noTotal') : t('reviews.total', { total: review.total })}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {group.items.some((i) => i.review.blind) && (
        <Text size="sm" mt="xs">
          {t('reviews.blindNote')}
        </Text>
      )}
    </section>
  );
}
