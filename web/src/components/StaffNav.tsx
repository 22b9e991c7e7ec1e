/**
 * The staff area's navigation on wide screens: its links in one row, grouped by section (plan and
 * budget, recruitment, courses, oversight), each group named for screen readers and by a caption.
 * Narrow screens get the same sections in the main menu's drawer instead.
 */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavSection } from './nav-model';

export function StaffNav({ sections }: { sections: NavSection[] }) {
  const { t } = useTranslation('admin');
  return (
    <nav aria-label={t('nav.label')} className="oc-admin-nav staff-nav">
      <ul className="staff-nav-sections">
        {sections.map((s, i) => (
          <li key={s.label} className="staff-nav-section">
            <span className="staff-nav-caption" id={`staff-section-${i}`}>
              {t(s.label)}
            </span>
            <ul aria-labelledby={`staff-section-${i}`}>
              {s.items.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.end}>
                    {t(n.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
