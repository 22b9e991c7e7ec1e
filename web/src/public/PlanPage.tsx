import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';

// Placeholder until the page is built.
export function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('app.name'));
  return <Title order={1}>{t('app.name')}</Title>;
}
