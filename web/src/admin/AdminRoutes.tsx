import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';

// Placeholder until the admin area is built.
export default function AdminRoutes() {
  const { t } = useTranslation();
  usePageTitle(t('nav.admin'));
  return <Title order={1}>{t('nav.admin')}</Title>;
}
