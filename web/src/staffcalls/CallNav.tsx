/**
 * The pages of one call, as a sub-navigation under its heading: the editor, applications and review
 * settings here, and assignment, scores and selection in the review area (selection/).
 */
import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

export function CallNav({ callId }: { callId: string }) {
  const { t } = useTranslation('staffcalls');
  const links = [
    { to: `/admin/calls/${callId}`, label: t('tabs.editor'), end: true },
    { to: `/admin/calls/${callId}/applications`, label: t('tabs.applications') },
    { to: `/admin/calls/${callId}/review`, label: t('tabs.review') },
    { to: `/admin/review/calls/${callId}/assignment`, label: t('tabs.assignment') },
    { to: `/admin/review/calls/${callId}/scores`, label: t('tabs.scores') },
    { to: `/admin/review/calls/${callId}/selection`, label: t('tabs.selection') },
  ];
  return (
    <nav aria-label={t('tabs.label')} className="oc-call-tabs">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <Anchor component={NavLink} to={l.to} end={l.end}>
              {l.label}
            </Anchor>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A call's status as a word in a bordered badge. */
export function CallStatus({ status }: { status: 'draft' | 'published' | 'closed' }) {
  const { t } = useTranslation('staffcalls');
  return (
    <span className="oc-call-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
