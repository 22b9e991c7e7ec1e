/** Staff pages for calls, under /admin/calls/*: list, editor with form builder, applications, review settings and reviewers. */
import './staffcalls.css';
import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { ApplicationsPage } from './ApplicationsPage';
import { CallEditorPage } from './CallEditorPage';
import { CallListPage } from './CallListPage';
import { ReviewSetupPage } from './ReviewSetupPage';

function CallPageNotFound() {
  const { t } = useTranslation('staffcalls');
  usePageTitle(t('notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Anchor component={Link} to="/admin/calls">
        {t('notFound.back')}
      </Anchor>
    </Stack>
  );
}

export function StaffCallRoutes() {
  return (
    <Routes>
      <Route index element={<CallListPage />} />
      <Route path="new" element={<CallEditorPage />} />
      <Route path=":id" element={<CallEditorPage />} />
      <Route path=":id/applications" element={<ApplicationsPage />} />
      <Route path=":id/review" element={<ReviewSetupPage />} />
      <Route path="*" element={<CallPageNotFound />} />
    </Routes>
  );
}
