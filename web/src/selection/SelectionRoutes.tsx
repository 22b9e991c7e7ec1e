/** Staff pages under /admin/review/*: assignment runs, scores and calibration, selection runs, the outbox. */
import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { AssignmentPage } from './AssignmentPage';
import { OutboxPage } from './OutboxPage';
import { ReviewHomePage } from './ReviewHomePage';
import { ScoresPage } from './ScoresPage';
import { SelectionPage } from './SelectionPage';
import './selection.css';

function ReviewNotFound() {
  const { t } = useTranslation('selection');
  usePageTitle(t('notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to="/admin/review">
        {t('nav.allCalls')}
      </Anchor>
    </Stack>
  );
}

export function SelectionRoutes() {
  return (
    <Box className="oc-review">
      <Routes>
        <Route index element={<ReviewHomePage />} />
        <Route path="calls/:id/assignment" element={<AssignmentPage />} />
        <Route path="calls/:id/scores" element={<ScoresPage />} />
        <Route path="calls/:id/selection" element={<SelectionPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="*" element={<ReviewNotFound />} />
      </Routes>
    </Box>
  );
}
