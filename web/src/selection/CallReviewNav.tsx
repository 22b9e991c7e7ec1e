/**
 * The frame of the per-call review pages: a way back to the list of calls and a navigation between
 * the call's assignment, scores and selection, plus the outbox. The current page is marked with
 * aria-current (by NavLink) and shown by weight and underline, not by colour alone.
 */
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { CallViewT } from '../../../src/shared/contracts/recruitment';
import { useLocText } from '../lib/Localized';
import { useApiGet, type ApiGetState } from '../lib/useApiGet';

/** The call whose review pages these are; its title names every page. */
export function useCall(callId: string): ApiGetState<CallViewT> {
  return useApiGet<CallViewT>(`/admin/calls/${callId}`);
}

/** "<page> · <call title>" for the document title, once the call has loaded. */
export function usePageName(page: string, call: CallViewT | undefined): string {
  const text = useLocText();
  return call ? `${page} · ${text(call.title)}` : page;
}

export function CallReviewNav({ callId }: { callId: string }) {
  const { t } = useTranslation('selection');
  // The call's own pages (staffcalls/) first, so the whole journey of one call is one list of links.
  const links = [
    { to: `/admin/calls/${callId}`, label: t('nav.call') },
    { to: `/admin/calls/${callId}/review`, label: t('nav.reviewers') },
    { to: `/admin/review/calls/${callId}/assignment`, label: t('nav.assignment') },
    { to: `/admin/review/calls/${callId}/scores`, label: t('nav.scores') },
    { to: `/admin/review/calls/${callId}/selection`, label: t('nav.selection') },
    { to: '/admin/review/outbox', label: t('nav.outbox') },
  ];
  return (
    <nav aria-label={t('nav.label')} className="oc-review-nav">
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to="/admin/review" p="xs" className="oc-review-nav-link">
          {t('nav.allCalls')}
        </Anchor>
        <Text component="span" aria-hidden="true">
          {'|'}
        </Text>
        <Group component="ul" gap="xs" wrap="wrap" className="oc-plain-list">
          {links.map((l) => (
            <li key={l.to}>
              <Anchor component={NavLink} to={l.to} end p="xs" className="oc-review-nav-link">
                {l.label}
              </Anchor>
            </li>
          ))}
        </Group>
      </Group>
    </nav>
  );
}
