/**
 * The main navigation. Wide screens: one row of links. Narrow screens (a phone at 360 px): a menu
 * button that opens a drawer with the same links and, for staff, the staff area by section. The
 * drawer (Mantine) traps focus while open, closes on Escape and returns focus to the button.
 */
import { Burger, Drawer, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavModel } from './nav-model';

export function SiteNav({ model }: { model: NavModel }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <>
      <nav aria-label={t('nav.main')} className="main-nav" data-testid="main-nav">
        <ul>
          {model.main.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.end}>
                {t(n.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Burger opened={opened} onClick={toggle} className="nav-burger" aria-label={t('nav.menu')} aria-expanded={opened} aria-controls="site-drawer" size="sm" />
      <Drawer opened={opened} onClose={close} id="site-drawer" title={t('nav.menu')} position="right" size="85%" closeButtonProps={{ 'aria-label': t('nav.closeMenu') }}>
        <nav aria-label={t('nav.main')} className="drawer-nav">
          <ul>
            {model.main.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end} onClick={close}>
                  {t(n.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {model.staff.length > 0 && (
          <nav aria-label={t('admin:nav.label')} className="drawer-nav">
            <Stack gap="xs" mt="md">
              {model.staff.map((s, i) => (
                <section key={s.label} aria-labelledby={`drawer-staff-${i}`}>
                  <Title order={2} size="h6" id={`drawer-staff-${i}`}>
                    {t(s.label)}
                  </Title>
                  <ul>
                    {s.items.map((n) => (
                      <li key={n.to}>
                        <NavLink to={n.to} end={n.end} onClick={close}>
                          {t(n.label)}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </Stack>
          </nav>
        )}
      </Drawer>
    </>
  );
}
